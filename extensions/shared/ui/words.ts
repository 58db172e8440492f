/**
 * The slice of Shopify's `i18n` API the shared UI needs: translations from the extension's
 * `locales/`, numbers and dates in the shopper's locale (Intl under the hood, so Arabic and
 * Persian get their own digits and separators). Values go into translations already
 * formatted, so "{{points}}" reads right in every language.
 */
export type Words = {
  readonly t: (key: string, replacements?: Record<string, string | number>) => string;
  readonly number: (value: number) => string;
  readonly date: (iso: string) => string;
};

export type I18nLike = {
  translate: (key: string, options?: Record<string, string | number>) => string;
  formatNumber: (value: number) => string;
  formatDate: (date: Date, options?: Intl.DateTimeFormatOptions) => string;
};

export function wordsFrom(i18n: I18nLike): Words {
  return {
    t: (key, replacements) => i18n.translate(key, replacements),
    number: (value) => i18n.formatNumber(value),
    date: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : i18n.formatDate(date, { dateStyle: "medium" });
    },
  };
}
