// Package lexicon is a bilingual domain lexicon of human trafficking and
// its policing: for each concept, its names in English, in Hindi
// (Devanagari) and in romanised Hindi as officers type it on a phone
// ("तस्करी", "taskari", "trafficking"; "ईंट भट्ठा", "int bhatta", "brick
// kiln"). Search uses it so that a query in any of the three finds
// practices written in another: Groups gives each concept as a synonym
// group, Lookup finds concepts by any term, IsWord tells the spelling
// suggester which words are real, and FoldRoman folds the many spellings
// of one romanised word to one key. The package is a leaf: standard
// library only, its data embedded and parsed once.
//
// # The data
//
// The concepts live in lexicon.txt, one concept a line, in parts labelled
// and separated by "|", the terms of a part separated by ";":
//
//	[place]
//	en: brick kiln; brick-kiln | hi: ईंट भट्ठा; ईंट भट्टा | ro: int bhatta; eent bhatta | src: press; fir | see: bonded labour
//
// The parts are:
//
//   - en: English terms, the preferred first, with British and US
//     spellings and without plurals (search stems words);
//   - hi: Hindi terms in Devanagari, with the spelling variants people
//     write (nukta or not: मज़दूर, मजदूर; anusvara or nasal consonant:
//     झारखंड, झारखण्ड);
//   - ro: romanised Hindi as typed, with its common spellings (bachche,
//     bacche, bachhe): FoldRoman folds many of them to one key, but search
//     matches words as they are, so each spelling people use is listed;
//   - src: where the usage comes from, as keys of sources defined in the
//     file's header ("@press = Hindi press usage ...");
//   - see: optional, the preferred English terms of related concepts.
//
// A term may hold commas and parentheses (an Act's title: "अनैतिक
// व्यापार (निवारण) अधिनियम, 1956"), never ";" or "|".
//
// A line "[kind]" sets the kind of the entries under it: exploitation,
// victim, offender, place, police, law, agency or general. Lines starting
// with "#" are comments.
//
// A term may be in one concept only, compared as Lookup compares terms,
// unless the concepts are marked related with see: ("dalal" is both an
// agent and a pimp). Parse reports each malformed or contradicting entry
// with its line, and the package's tests fail on any.
//
// # Adding an entry
//
// Add a line under the right [kind], with every part and an honest
// source (add a source to the header if none fits: say what kind of usage
// it is, do not invent a document), then run go test ./kb/lexicon. A
// changed lexicon is a changed synonym list for search, which rebuilds
// its index when its synonyms change.
//
// Admins can add more synonyms at run time, without a new program,
// through the search synonyms page; those live in the database, not
// here.
package lexicon
