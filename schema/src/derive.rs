//! The `openapi` feature's one switch: the types inside derive `JsonSchema` only when it is on
//! (natively, for the API document), so the front end's wasm carries no schema code.

macro_rules! openapi_derive {
    ($($item:item)*) => { $( #[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))] $item )* };
}
pub(crate) use openapi_derive;
