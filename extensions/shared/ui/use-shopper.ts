import { useCallback, useEffect, useState } from "preact/hooks";
import { shopperView, type ShopperView } from "../shopper-view";
import type { MemberSummary, RewardsSummary, WafaClient, WafaResult } from "../wafa-api";

/** Loads the member and their rewards (in parallel) and keeps the view model of both. */
export function useShopper(client: WafaClient, signedIn: boolean, withRewards: boolean): { view: ShopperView; reload: () => void } {
  const [member, setMember] = useState<WafaResult<MemberSummary> | null>(null);
  const [rewards, setRewards] = useState<WafaResult<RewardsSummary> | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    // A guest's call answers only whether the program is live (and that they are no member).
    void client.member().then((result) => live && setMember(result));
    if (withRewards && signedIn) void client.rewards().then((result) => live && setRewards(result));
    return () => {
      live = false;
    };
  }, [client, signedIn, withRewards, round]);

  const reload = useCallback(() => setRound((value) => value + 1), []);
  const view = shopperView({ signedIn, member, rewards: withRewards ? rewards : undefined });
  return { view, reload };
}
