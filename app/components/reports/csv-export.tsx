import { Button } from "@shopify/polaris";
import { csvRow } from "~/csv";

/** A table as CSV (app/csv.ts: the same fields as the members export, formulas neutralised). */
export function toCsv(headings: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return [headings, ...rows].map(csvRow).join("");
}

/** Hands a file to the browser's download. */
function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** Downloads a table as CSV, built in the browser from the numbers on screen. */
export function CsvExportButton({ filename, headings, rows }: { readonly filename: string; readonly headings: readonly string[]; readonly rows: ReadonlyArray<ReadonlyArray<string | number | null>> }) {
  const download = () => saveBlob(new Blob([toCsv(headings, rows)], { type: "text/csv;charset=utf-8" }), filename);
  return (
    <Button onClick={download} size="slim">
      Export CSV
    </Button>
  );
}

/**
 * Downloads a report's JSON export. Fetched rather than linked: inside Shopify admin, App
 * Bridge adds the session token to the app's own fetch requests, not to navigations.
 */
export function JsonExportButton({ path, filename }: { readonly path: string; readonly filename: string }) {
  const download = async () => {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    saveBlob(await response.blob(), filename);
  };
  return (
    <Button onClick={() => void download()} size="slim">
      Download JSON
    </Button>
  );
}
