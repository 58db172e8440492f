/** @jsxImportSource preact */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { buildTimeAppUrl } from "../../shared/app-url";
import { wordsFrom, type I18nLike, type Words } from "../../shared/ui/words";
import { createSurveyClient, type SurveyAnswers } from "./survey-api";
import {
  afterRetry, afterSubmit, canSubmit, commentTooLong, MAX_COMMENT, orderWaitDelay, retryDelay, scaleValues, stopWaitingForOrder, submission,
  submitting, surveyView, thanksMessage, withComment, withScore, type ScoredQuestion, type SurveyView,
} from "./survey-view";

type SurveyBlockProps = {
  sessionToken: { get(): Promise<string> };
  i18n: I18nLike;
  /** The order the thank-you page confirms, once the page knows it. */
  orderId: string | null;
};

const SCORED: readonly ScoredQuestion[] = ["recommend", "satisfaction", "effort"];

/**
 * The thank-you page survey: would you recommend us (0–10), satisfaction (1–5), effort
 * (1–7), an optional comment; then the thanks, with the points the answer earned.
 */
export function SurveyBlock({ sessionToken, i18n, orderId }: SurveyBlockProps) {
  const client = useMemo(() => createSurveyClient({ appUrl: buildTimeAppUrl(), sessionToken }), [sessionToken]);
  const words = useMemo(() => wordsFrom(i18n), [i18n]);
  const [view, setView] = useState<SurveyView>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  const sent = useRef<SurveyAnswers | null>(null);

  useEffect(() => {
    if (orderId === null) return setView({ kind: "hidden" });
    let live = true;
    void client.status(orderId).then((result) => live && setView(surveyView(result)));
    return () => {
      live = false;
    };
  }, [client, orderId]);

  // A reward still pending (the order not yet reported by Shopify): send the same answers again later.
  useEffect(() => {
    const delay = retryDelay(view, attempt);
    const answers = sent.current;
    if (delay === null || answers === null || orderId === null) return;
    const timer = setTimeout(() => {
      void client.submit(orderId, answers).then((result) => {
        setView((current) => afterRetry(current, result));
        setAttempt((count) => count + 1);
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [client, orderId, view, attempt]);

  // The order not recorded by the app yet (its webhook is on its way): send the same answers again after a wait.
  const [orderAttempt, setOrderAttempt] = useState(0);
  useEffect(() => {
    if (view.kind !== "asking" || !view.waitingForOrder) return;
    const delay = orderWaitDelay(view, orderAttempt);
    const answers = sent.current;
    if (answers === null || orderId === null) return;
    if (delay === null) return setView(stopWaitingForOrder(view));
    const timer = setTimeout(() => {
      void client.submit(orderId, answers).then((result) => {
        setView((current) => afterSubmit(current, result));
        setOrderAttempt((count) => count + 1);
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [client, orderId, view, orderAttempt]);

  async function submit(): Promise<void> {
    const answers = submission(view);
    if (answers === null || orderId === null) return;
    sent.current = answers;
    setOrderAttempt(0);
    setView(submitting(view));
    let result = await client.submit(orderId, answers);
    if (!result.ok && result.code === "network") result = await client.submit(orderId, answers);
    setView((current) => afterSubmit(current, result));
  }

  if (view.kind === "loading") return <s-skeleton-paragraph />;
  if (view.kind === "hidden") return null;
  const { t, number } = words;
  if (view.kind === "thanks") {
    const message = thanksMessage(view);
    return (
      <s-stack gap="small-200">
        <s-heading>{t("survey.thanks.title")}</s-heading>
        {message && <s-text>{message.points === null ? t(message.key) : t(message.key, { points: number(message.points) })}</s-text>}
      </s-stack>
    );
  }
  const tooLong = commentTooLong(view);
  return (
    <s-stack gap="base">
      <s-heading>{t("survey.title")}</s-heading>
      {view.rewardPoints > 0 && <s-text color="subdued">{t("survey.reward", { points: number(view.rewardPoints) })}</s-text>}
      {SCORED.filter((question) => view.questions.includes(question)).map((question) => (
        <ScaleQuestion key={question} question={question} value={view.answers[question]} words={words} disabled={view.submitting} onAnswer={(raw) => setView((current) => withScore(current, question, raw))} />
      ))}
      {view.questions.includes("comment") && (
        <s-text-area
          label={t("survey.comment.label")}
          rows={3}
          value={view.answers.comment ?? ""}
          disabled={view.submitting}
          error={tooLong ? t("survey.comment.tooLong", { max: number(MAX_COMMENT) }) : undefined}
          onInput={(event: Event) => {
            const text = fieldValue(event.currentTarget);
            setView((current) => withComment(current, text));
          }}
        />
      )}
      {view.errorKey && <s-banner tone="critical">{t(view.errorKey)}</s-banner>}
      <s-button variant="primary" loading={view.submitting} disabled={!canSubmit(view)} onClick={() => void submit()}>
        {t("survey.submit")}
      </s-button>
    </s-stack>
  );
}

type ScaleQuestionProps = { question: ScoredQuestion; value: number | null; words: Words; disabled: boolean; onAnswer: (raw: string | undefined) => void };

/** One scale as a row of choices, its two ends named below it (the host mirrors both in right-to-left languages). */
function ScaleQuestion({ question, value, words, disabled, onAnswer }: ScaleQuestionProps) {
  const { t, number } = words;
  return (
    <s-stack gap="small-300">
      <s-choice-list label={t(`survey.${question}.label`)} variant="inline" disabled={disabled} values={value === null ? [] : [String(value)]} onChange={(event: Event) => onAnswer(firstValue(event.currentTarget))}>
        {scaleValues(question).map((score) => (
          <s-choice key={score} value={String(score)}>
            {number(score)}
          </s-choice>
        ))}
      </s-choice-list>
      <s-stack direction="inline" gap="base" justifyContent="space-between">
        <s-text color="subdued">{t(`survey.${question}.low`)}</s-text>
        <s-text color="subdued">{t(`survey.${question}.high`)}</s-text>
      </s-stack>
    </s-stack>
  );
}

/** The value a choice list sent with its change event (web components hand back the element). */
function firstValue(target: EventTarget | null): string | undefined {
  if (target === null || !("values" in target) || !Array.isArray(target.values)) return undefined;
  const [first] = target.values as unknown[];
  return typeof first === "string" ? first : undefined;
}

function fieldValue(target: EventTarget | null): string {
  return target !== null && "value" in target && typeof target.value === "string" ? target.value : "";
}
