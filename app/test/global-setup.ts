// Global test setup: nothing yet; databases are prepared per suite (app/test/databases.ts).
export default function setup(): void {}
