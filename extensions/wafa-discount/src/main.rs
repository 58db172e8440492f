//! Wafa's discount Function as a WASI command module, the shape Shopify runs: one export per
//! target named in shopify.extension.toml, the input JSON on stdin, the output JSON on
//! stdout (https://shopify.dev/docs/apps/build/functions/programming-languages/webassembly-for-functions).
//! The logic mirrors src/run.ts, which stays the spec; see
//! docs/decisions/0019-discount-function-wasm.md.
mod decimal;
mod input;
mod io;
mod json;
mod reservation;
mod run;

fn run_target(target: fn(&input::RunInput) -> Vec<u8>) {
    let bytes = io::read_stdin();
    let output = target(&input::read(&bytes));
    // Unbuffered: nothing is left to flush when the export returns to the host.
    if !io::write_all(1, &output) {
        json::fail("cannot write stdout");
    }
}

#[export_name = "cart-lines-discounts-generate-run"]
pub extern "C" fn cart_lines_discounts_generate_run() {
    run_target(run::cart_lines_discounts_generate_run);
}

#[export_name = "cart-delivery-options-discounts-generate-run"]
pub extern "C" fn cart_delivery_options_discounts_generate_run() {
    run_target(run::cart_delivery_options_discounts_generate_run);
}

/// `_start`: a command module needs one, but Shopify calls only the targets' exports.
fn main() {}
