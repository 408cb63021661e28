/* SPDX-License-Identifier: MIT */
/*
 * The script of a letter, for the share of text in each script that the
 * stats plugin gives as a language signal. utf8proc knows categories but
 * not scripts, so letters are classified by the Unicode block they are
 * in: the ranges below follow Blocks.txt of the Unicode Character
 * Database (Unicode 15.1), narrowed where Scripts.txt (UAX #24) gives a
 * block's letters to more than one script (Spacing Modifier Letters,
 * Alphabetic Presentation Forms, Halfwidth and Fullwidth Forms). Only
 * letters are ever looked up (the caller checks the category), so the
 * symbols and punctuation that share these blocks do not matter.
 *
 * Hiragana and Katakana are one script here, "Kana": both write Japanese
 * and neither alone says more. Han stays Han whatever language it writes.
 */
#include "stats.h"

typedef struct script_range {
	uint32_t first, last;
	stats_script script;
} script_range;

/* Sorted, not overlapping. Blocks not listed are SCRIPT_OTHER. */
static const script_range ranges[] = {
	{0x0041, 0x005A, SCRIPT_LATIN},      /* Basic Latin */
	{0x0061, 0x007A, SCRIPT_LATIN},
	{0x00AA, 0x00AA, SCRIPT_LATIN},      /* Latin-1 Supplement: ª */
	{0x00BA, 0x00BA, SCRIPT_LATIN},      /* º */
	{0x00C0, 0x024F, SCRIPT_LATIN},      /* Latin-1 letters, Latin Extended-A and -B */
	{0x0250, 0x02AF, SCRIPT_LATIN},      /* IPA Extensions */
	{0x02B0, 0x02B8, SCRIPT_LATIN},      /* Spacing Modifier Letters, Latin part */
	{0x02E0, 0x02E4, SCRIPT_LATIN},
	{0x0370, 0x03FF, SCRIPT_GREEK},      /* Greek and Coptic */
	{0x0400, 0x052F, SCRIPT_CYRILLIC},   /* Cyrillic, Cyrillic Supplement */
	{0x0530, 0x058F, SCRIPT_ARMENIAN},
	{0x0590, 0x05FF, SCRIPT_HEBREW},
	{0x0600, 0x06FF, SCRIPT_ARABIC},
	{0x0700, 0x074F, SCRIPT_SYRIAC},
	{0x0750, 0x077F, SCRIPT_ARABIC},     /* Arabic Supplement */
	{0x0780, 0x07BF, SCRIPT_THAANA},
	{0x0860, 0x086F, SCRIPT_SYRIAC},     /* Syriac Supplement */
	{0x0870, 0x08FF, SCRIPT_ARABIC},     /* Arabic Extended-B and -A */
	{0x0900, 0x097F, SCRIPT_DEVANAGARI},
	{0x0980, 0x09FF, SCRIPT_BENGALI},
	{0x0A00, 0x0A7F, SCRIPT_GURMUKHI},
	{0x0A80, 0x0AFF, SCRIPT_GUJARATI},
	{0x0B00, 0x0B7F, SCRIPT_ORIYA},
	{0x0B80, 0x0BFF, SCRIPT_TAMIL},
	{0x0C00, 0x0C7F, SCRIPT_TELUGU},
	{0x0C80, 0x0CFF, SCRIPT_KANNADA},
	{0x0D00, 0x0D7F, SCRIPT_MALAYALAM},
	{0x0D80, 0x0DFF, SCRIPT_SINHALA},
	{0x0E00, 0x0E7F, SCRIPT_THAI},
	{0x0E80, 0x0EFF, SCRIPT_LAO},
	{0x0F00, 0x0FFF, SCRIPT_TIBETAN},
	{0x1000, 0x109F, SCRIPT_MYANMAR},
	{0x10A0, 0x10FF, SCRIPT_GEORGIAN},
	{0x1100, 0x11FF, SCRIPT_HANGUL},     /* Hangul Jamo */
	{0x1200, 0x139F, SCRIPT_ETHIOPIC},   /* Ethiopic, Ethiopic Supplement */
	{0x1780, 0x17FF, SCRIPT_KHMER},
	{0x1800, 0x18AF, SCRIPT_MONGOLIAN},
	{0x19E0, 0x19FF, SCRIPT_KHMER},      /* Khmer Symbols */
	{0x1C80, 0x1C8F, SCRIPT_CYRILLIC},   /* Cyrillic Extended-C */
	{0x1C90, 0x1CBF, SCRIPT_GEORGIAN},   /* Georgian Extended */
	{0x1D00, 0x1DBF, SCRIPT_LATIN},      /* Phonetic Extensions and Supplement */
	{0x1E00, 0x1EFF, SCRIPT_LATIN},      /* Latin Extended Additional */
	{0x1F00, 0x1FFF, SCRIPT_GREEK},      /* Greek Extended */
	{0x2C60, 0x2C7F, SCRIPT_LATIN},      /* Latin Extended-C */
	{0x2D00, 0x2D2F, SCRIPT_GEORGIAN},   /* Georgian Supplement */
	{0x2D80, 0x2DDF, SCRIPT_ETHIOPIC},   /* Ethiopic Extended */
	{0x2DE0, 0x2DFF, SCRIPT_CYRILLIC},   /* Cyrillic Extended-A */
	{0x3005, 0x3005, SCRIPT_HAN},        /* 々, the ideographic iteration mark */
	{0x303B, 0x303B, SCRIPT_HAN},        /* 〻 */
	{0x3040, 0x30FF, SCRIPT_KANA},       /* Hiragana, Katakana */
	{0x3100, 0x312F, SCRIPT_BOPOMOFO},
	{0x3130, 0x318F, SCRIPT_HANGUL},     /* Hangul Compatibility Jamo */
	{0x31A0, 0x31BF, SCRIPT_BOPOMOFO},   /* Bopomofo Extended */
	{0x31F0, 0x31FF, SCRIPT_KANA},       /* Katakana Phonetic Extensions */
	{0x3400, 0x4DBF, SCRIPT_HAN},        /* CJK Unified Ideographs Extension A */
	{0x4E00, 0x9FFF, SCRIPT_HAN},        /* CJK Unified Ideographs */
	{0xA640, 0xA69F, SCRIPT_CYRILLIC},   /* Cyrillic Extended-B */
	{0xA720, 0xA7FF, SCRIPT_LATIN},      /* Latin Extended-D */
	{0xA8E0, 0xA8FF, SCRIPT_DEVANAGARI}, /* Devanagari Extended */
	{0xA960, 0xA97F, SCRIPT_HANGUL},     /* Hangul Jamo Extended-A */
	{0xAB00, 0xAB2F, SCRIPT_ETHIOPIC},   /* Ethiopic Extended-A */
	{0xAB30, 0xAB6F, SCRIPT_LATIN},      /* Latin Extended-E */
	{0xAC00, 0xD7FF, SCRIPT_HANGUL},     /* Hangul Syllables, Jamo Extended-B */
	{0xF900, 0xFAFF, SCRIPT_HAN},        /* CJK Compatibility Ideographs */
	{0xFB00, 0xFB06, SCRIPT_LATIN},      /* Alphabetic Presentation Forms: ﬁ ligatures */
	{0xFB13, 0xFB17, SCRIPT_ARMENIAN},
	{0xFB1D, 0xFB4F, SCRIPT_HEBREW},
	{0xFB50, 0xFDFF, SCRIPT_ARABIC},     /* Arabic Presentation Forms-A */
	{0xFE70, 0xFEFF, SCRIPT_ARABIC},     /* Arabic Presentation Forms-B */
	{0xFF21, 0xFF3A, SCRIPT_LATIN},      /* fullwidth Latin */
	{0xFF41, 0xFF5A, SCRIPT_LATIN},
	{0xFF66, 0xFF9F, SCRIPT_KANA},       /* halfwidth katakana */
	{0xFFA0, 0xFFDC, SCRIPT_HANGUL},     /* halfwidth Hangul */
	{0x1AFF0, 0x1B16F, SCRIPT_KANA},     /* Kana Extended-B, Supplement, Extended-A, Small */
	{0x20000, 0x323AF, SCRIPT_HAN},      /* CJK Extensions B to H, Compatibility Supplement */
};

#define N_RANGES (sizeof(ranges) / sizeof(ranges[0]))

static const char *const names[SCRIPT_COUNT] = {
	[SCRIPT_LATIN] = "Latin",       [SCRIPT_HAN] = "Han",
	[SCRIPT_KANA] = "Kana",         [SCRIPT_HANGUL] = "Hangul",
	[SCRIPT_CYRILLIC] = "Cyrillic", [SCRIPT_ARABIC] = "Arabic",
	[SCRIPT_GREEK] = "Greek",       [SCRIPT_HEBREW] = "Hebrew",
	[SCRIPT_DEVANAGARI] = "Devanagari", [SCRIPT_BENGALI] = "Bengali",
	[SCRIPT_GURMUKHI] = "Gurmukhi", [SCRIPT_GUJARATI] = "Gujarati",
	[SCRIPT_ORIYA] = "Oriya",       [SCRIPT_TAMIL] = "Tamil",
	[SCRIPT_TELUGU] = "Telugu",     [SCRIPT_KANNADA] = "Kannada",
	[SCRIPT_MALAYALAM] = "Malayalam", [SCRIPT_SINHALA] = "Sinhala",
	[SCRIPT_THAI] = "Thai",         [SCRIPT_LAO] = "Lao",
	[SCRIPT_TIBETAN] = "Tibetan",   [SCRIPT_MYANMAR] = "Myanmar",
	[SCRIPT_KHMER] = "Khmer",       [SCRIPT_MONGOLIAN] = "Mongolian",
	[SCRIPT_GEORGIAN] = "Georgian", [SCRIPT_ARMENIAN] = "Armenian",
	[SCRIPT_ETHIOPIC] = "Ethiopic", [SCRIPT_SYRIAC] = "Syriac",
	[SCRIPT_THAANA] = "Thaana",     [SCRIPT_BOPOMOFO] = "Bopomofo",
	[SCRIPT_OTHER] = "Other",
};

const char *stats_script_name(stats_script s)
{
	return s < SCRIPT_COUNT ? names[s] : names[SCRIPT_OTHER];
}

stats_script stats_script_of(uint32_t cp, size_t *hint)
{
	/* A text is mostly one script: try the range of the last letter
	 * first, then search. */
	if (*hint < N_RANGES && cp >= ranges[*hint].first && cp <= ranges[*hint].last)
		return ranges[*hint].script;
	size_t lo = 0, hi = N_RANGES;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < ranges[mid].first)
			hi = mid;
		else if (cp > ranges[mid].last)
			lo = mid + 1;
		else {
			*hint = mid;
			return ranges[mid].script;
		}
	}
	return SCRIPT_OTHER;
}
