import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Button, Card, EmptyState, InlineStack, Select } from "@shopify/polaris";
import { useState } from "react";
import { EMPTY_ILLUSTRATION } from "~/components/program/empty-illustration";
import { NoProgramYet } from "~/components/program/no-program";
import { ProgramEditorPage, useProgramEditor } from "~/components/program/program-editor";
import { newReward, REWARD_KIND_LABELS } from "~/components/program/reward-defaults";
import { RewardEditor } from "~/components/program/reward-editor";
import { REWARD_KINDS, type ProgramRules, type Reward, type RewardKind } from "~/loyalty/program/program";
import { loadProgramEditor, programEditorAction } from "./program-editor.server";

export const loader = ({ request }: LoaderFunctionArgs) => loadProgramEditor(request);
export const action = ({ request }: ActionFunctionArgs) => programEditorAction(request);

export default function ProgramRewards() {
  const data = useLoaderData<typeof loader>();
  if (!data.rules) return <NoProgramYet title="Rewards" />;
  return <RewardsPage {...data} rules={data.rules} />;
}

function RewardsPage({ rules, version, currencyCode, pointsName }: ReturnType<typeof useLoaderData<typeof loader>> & { rules: ProgramRules }) {
  const editor = useProgramEditor(rules, version);
  const { draft } = editor;
  const [kind, setKind] = useState<RewardKind>("fixed_amount");
  const setRewards = (change: (rewards: Reward[]) => Reward[]) => editor.update((current) => ({ ...current, rewards: change([...current.rewards]) }));
  const add = () => setRewards((rewards) => [...rewards, newReward(kind, rewards, currencyCode)]);
  const adder = (
    <InlineStack gap="200" blockAlign="end">
      <Select label="Kind of reward" options={REWARD_KINDS.map((value) => ({ label: REWARD_KIND_LABELS[value], value }))} value={kind} onChange={(value) => setKind(REWARD_KINDS.find((candidate) => candidate === value) ?? "fixed_amount")} />
      <Button onClick={add} disabled={draft.rewards.length >= 50}>
        Add reward
      </Button>
    </InlineStack>
  );
  return (
    <ProgramEditorPage title="Rewards" subtitle="What points buy" section="rewards" editor={editor}>
      <BlockStack gap="400">
        {draft.rewards.length === 0 ? (
          <Card>
            <EmptyState heading="No rewards yet" action={{ content: "Add an amount-off reward", onAction: () => setRewards((rewards) => [...rewards, newReward("fixed_amount", rewards, currencyCode)]) }} image={EMPTY_ILLUSTRATION}>
              <p>Points are only worth collecting when they buy something: start with a discount customers can reach within a few orders.</p>
            </EmptyState>
          </Card>
        ) : (
          draft.rewards.map((reward, index) => (
            <RewardEditor
              key={reward.id}
              reward={reward}
              index={index}
              count={draft.rewards.length}
              onChange={(next) => setRewards((rewards) => rewards.map((current, position) => (position === index ? next : current)))}
              onRemove={() => setRewards((rewards) => rewards.filter((_, position) => position !== index))}
              onMove={(to) =>
                setRewards((rewards) => {
                  const [moved] = rewards.splice(index, 1);
                  if (moved) rewards.splice(to, 0, moved);
                  return rewards;
                })
              }
              tiers={draft.tiers}
              issues={editor.issues}
              currency={currencyCode}
              pointsName={pointsName.plural}
            />
          ))
        )}
        <Card>{adder}</Card>
      </BlockStack>
    </ProgramEditorPage>
  );
}
