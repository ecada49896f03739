//! Message catalogues: one line per key carrying both languages, so a translator reads a key's
//! zh-CN and en side by side, and a key missing a language does not compile. Each area (the
//! tracking page, the survey page, ...) declares its own catalogue with [`catalog!`], and a
//! bundle or page carries only the areas it names.

/// Declares a catalogue struct with one `&'static str` field per key and its two instances:
///
/// ```
/// waypost_schema::catalog! {
///     /// The tracking page.
///     pub struct Track {
///         title: "运单查询" | "Track a parcel",
///     }
/// }
/// assert_eq!(Track::get(waypost_schema::Locale::En).title, "Track a parcel");
/// ```
#[macro_export]
macro_rules! catalog {
    ($(#[$meta:meta])* $vis:vis struct $name:ident { $($key:ident: $zh:literal | $en:literal,)* }) => {
        $(#[$meta])*
        $vis struct $name {
            $(pub $key: &'static str,)*
        }

        impl $name {
            pub const ZH: $name = $name { $($key: $zh,)* };
            pub const EN: $name = $name { $($key: $en,)* };

            /// The catalogue of a locale.
            pub fn get(locale: $crate::Locale) -> &'static $name {
                match locale {
                    $crate::Locale::ZhCn => &Self::ZH,
                    $crate::Locale::En => &Self::EN,
                }
            }
        }
    };
}

/// The `label()` of a domain enum (statuses, kinds, roles), in the same one-line-per-key form as
/// [`catalog!`]: invoked inside the enum's `impl`, one line per variant.
///
/// ```
/// enum Light { Red, Green }
/// impl Light {
///     waypost_schema::labels! {
///         Red: "红灯" | "Red",
///         Green: "绿灯" | "Green",
///     }
/// }
/// assert_eq!(Light::Green.label(waypost_schema::Locale::ZhCn), "绿灯");
/// ```
#[macro_export]
macro_rules! labels {
    ($($variant:ident: $zh:literal | $en:literal,)*) => {
        /// The value's name as people read it, in a locale.
        pub fn label(self, locale: $crate::Locale) -> &'static str {
            match (self, locale) {
                $(
                    (Self::$variant, $crate::Locale::ZhCn) => $zh,
                    (Self::$variant, $crate::Locale::En) => $en,
                )*
            }
        }
    };
}
