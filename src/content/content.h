/*
 * content.h: the workshop's content model.
 *
 * A content pack is a directory with three subdirectories, modules/,
 * quizzes/ and scenarios/, holding YAML files (the schema is documented in
 * workshop-content(5)).  Loading a pack gives one struct content that owns
 * every string and array below it; nothing points into libyaml's buffers.
 *
 * Layout:
 *
 *   struct content
 *     files[]       every file read, with its path and content version
 *     programme     the day's running order (NULL if the pack has none)
 *       items[]     a module reference or a break, each with planned minutes
 *     modules[]     each made of steps[]; a step is one screen kind
 *     quizzes[]     referenced from quiz steps
 *     scenarios[]   referenced from scenario steps
 *
 * References (programme item -> module, quiz step -> quiz, scenario step ->
 * scenario) are resolved to pointers into these arrays after the whole pack
 * is read; the arrays are never resized afterwards.
 *
 * Every text field is valid UTF-8 without control characters other than
 * '\n' (the loader refuses anything else), so it is safe to draw.
 *
 * A content version is the BLAKE2b-256 of a file's bytes in lowercase hex.
 * A module's version also covers the files it references (see
 * content_module_version()), so a record names exactly what was taken.
 */
#ifndef WORKSHOP_CONTENT_H
#define WORKSHOP_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "when.h"

#define CONTENT_VERSION_HEX 64

struct strlist {
	char **v;
	size_t n;
};

/* Where something came from, for diagnostics; file is borrowed. */
struct srcpos {
	const char *file;
	unsigned line;
	unsigned col;
};

/*
 * A file of the pack.  Its bytes are kept so that its content version can
 * be computed when first asked for (content_file_version()), from exactly
 * the bytes that were parsed.
 */
struct content_file {
	char *path;
	char *bytes; /* NULL if the file could not be read */
	size_t len;
	char version[CONTENT_VERSION_HEX + 1]; /* "" until computed */
};

/* Law content carries where it applies and when it was last checked. */
struct law_info {
	char *jurisdiction; /* e.g. "England and Wales"; NULL if none */
	char *reviewed;	    /* YYYY-MM-DD; NULL if none */
	struct srcpos pos;  /* of the reviewed date; line 0 when none */
};

/* Who a step is shown to: a learner alone, or a room with a facilitator. */
enum content_audience {
	CONTENT_SELF_STUDY,
	CONTENT_CLASSROOM,
	CONTENT_AUDIENCES
};

enum step_kind {
	STEP_TEXT,
	STEP_SORT,
	STEP_VIEWS,
	STEP_QUIZ,
	STEP_SCENARIO,
	STEP_GLOSSARY,
	STEP_RATING,
	STEP_REFLECTION,
	STEP_BREAK,
};

struct sort_category {
	char *id;
	char *label;
};

struct sort_item {
	char *text;
	size_t category; /* index into the step's categories */
	char *reason;
};

struct view_statement {
	char *text;
	struct strlist prompts; /* facilitator prompts for the discussion */
};

struct glossary_term {
	char *term;
	char *definition;
	char *note; /* tutor note; NULL if none */
};

enum question_kind {
	QUESTION_TRUE_FALSE,
	QUESTION_CHOICE,
};

struct question {
	char *id; /* unique within its quiz */
	enum question_kind kind;
	char *text;
	/* For true/false: {"True", "False"}, so every question has choices. */
	struct strlist choices;
	size_t answer; /* index into choices */
	char *explanation;
	char *cite;	    /* statute section or case */
	char *notes;	    /* tutor note; NULL if none */
	char *jurisdiction; /* the quiz's unless the question says */
	struct srcpos pos;
};

struct quiz {
	char *id;
	char *title;
	char *intro; /* NULL if none */
	/* The intro for each audience when the file gives one; NULL if not. */
	char *intro_alt[CONTENT_AUDIENCES];
	unsigned pass_mark; /* percent, 1..100 */
	struct question *questions;
	size_t nquestions;
	struct law_info law;
	struct content_file *file;
	struct srcpos pos;
};

struct scenario {
	char *id;
	char *title;
	char *story;
	struct strlist questions;
	struct strlist ask;
	struct strlist check;
	struct strlist act;    /* the "Do" prompts */
	struct strlist points; /* what a good answer covers (tutor only) */
	struct strlist law;    /* citations of the law the scenario touches */
	char *notes;	       /* NULL if none */
	struct law_info lawinfo;
	struct content_file *file;
	struct srcpos pos;
};

struct step {
	enum step_kind kind;
	char *title; /* NULL for quiz/scenario steps (they have one) */
	char *notes; /* facilitator notes; NULL if none */
	struct srcpos pos;
	union {
		struct {
			char *body;	       /* NULL if only points */
			struct strlist points; /* revealed one at a time */
			struct strlist cite;   /* law cited in the text */
		} text;
		struct {
			char *prompt;
			struct sort_category *categories;
			size_t ncategories;
			struct sort_item *items;
			size_t nitems;
		} sort;
		struct {
			char *prompt;
			/* Always true: the loader refuses a views step not
			 * marked "record: never". */
			bool never_recorded;
			struct view_statement *statements;
			size_t nstatements;
		} views;
		struct {
			char *ref;
			struct quiz *quiz; /* resolved */
		} quiz;
		struct {
			char *ref;
			struct scenario *scenario; /* resolved */
		} scenario;
		struct {
			char *intro; /* NULL if none */
			struct glossary_term *terms;
			size_t nterms;
		} glossary;
		struct {
			char *prompt;	/* NULL if none */
			char *set;	/* ratings with the same set compare */
			bool after;	/* "when: after" (else before) */
			unsigned scale; /* 2..10 */
			char *low;	/* label of 1 */
			char *high;	/* label of scale */
			struct strlist questions;
		} rating;
		struct {
			struct strlist prompts;
		} reflection;
		struct {
			unsigned minutes;
		} brk;
	} u;
	/*
	 * The step as shown to each audience when its file gives an
	 * alternative ("self_study:" or "classroom:", a mapping of the
	 * step's keys to replace); NULL when it gives none.  Owned.
	 */
	struct step *alt[CONTENT_AUDIENCES];
};

struct module {
	char *id;
	char *title;
	char *summary;	  /* NULL if none */
	unsigned minutes; /* planned length; 0 if not given */
	/* How long a completion stays current ("refresh: 12 months"); count
	 * 0 when the module gives none. */
	struct when_period refresh;
	struct step *steps;
	size_t nsteps;
	struct law_info law;
	struct content_file *file;
	struct srcpos pos;
	char version[CONTENT_VERSION_HEX + 1]; /* "" until computed */
};

enum programme_item_kind {
	PROGRAMME_MODULE,
	PROGRAMME_BREAK,
};

struct programme_item {
	enum programme_item_kind kind;
	char *ref;	       /* module id, for PROGRAMME_MODULE */
	struct module *module; /* resolved */
	char *title;	       /* break title, for PROGRAMME_BREAK */
	unsigned minutes;
	struct srcpos pos;
};

struct programme {
	char *id;
	char *title;
	unsigned start; /* minutes after midnight, e.g. 570 = 09:30 */
	struct programme_item *items;
	size_t nitems;
	struct content_file *file;
};

struct content {
	char *root; /* the pack directory, or NULL for file lists */
	struct content_file *files;
	size_t nfiles;
	struct programme *programme;
	struct module *modules;
	size_t nmodules;
	struct quiz *quizzes;
	size_t nquizzes;
	struct scenario *scenarios;
	size_t nscenarios;
};

/* Limits the loader enforces. */
#define CONTENT_MAX_FILE_BYTES (4u * 1024 * 1024)
#define CONTENT_MAX_DEPTH 32
#define CONTENT_MAX_FILES 4096

/*
 * Load every *.yaml / *.yml file under root/modules, root/quizzes and
 * root/scenarios (sorted by name), check it, and resolve references.
 * Content problems are added to d.  Returns the pack (even when d has
 * errors, as far as it could be read), or NULL with errno set when root
 * itself cannot be read.  The caller frees it with content_free().
 */
struct content *content_load_dir(const char *root, struct diags *d);

/*
 * The same for an explicit list of files; references to things not in the
 * list are errors only if resolve is true.
 */
struct content *content_load_files(char *const *paths, size_t n, bool resolve,
				   struct diags *d);

/*
 * One file's bytes from memory (name is used in messages), checked as
 * content_load_files() checks a file, references unresolved.  For tests and
 * fuzzing.
 */
struct content *content_load_buffer(const char *name, const char *buf,
				    size_t len, struct diags *d);

void content_free(struct content *c);

/* Lookups by id; NULL if absent.  The results are borrowed. */
struct module *content_module(const struct content *c, const char *id);
struct quiz *content_quiz(const struct content *c, const char *id);
struct scenario *content_scenario(const struct content *c, const char *id);

/* Counts over the whole pack, for the validate summary. */
struct content_counts {
	size_t files, modules, steps, quizzes, questions, scenarios, terms;
};
void content_count(const struct content *c, struct content_counts *out);

/* Name of a step kind as written in YAML ("text", "sort", ...). */
const char *content_step_kind_name(enum step_kind k);

/*
 * A file's content version: the BLAKE2b-256 of its bytes, in lowercase hex.
 * Computed on the first call and kept in f->version; the result is
 * borrowed from f.
 */
const char *content_file_version(struct content_file *f);

/*
 * A module's content version: BLAKE2b-256 over its own file's version and
 * those of the quizzes and scenarios it references, in step order; hex.
 * Computed on the first call and kept in m->version; borrowed from m.
 */
const char *content_module_version(struct module *m);

/*
 * The law a module states, for its jurisdiction and reviewed date: the
 * module's own when it gives one, else that of the first quiz or scenario
 * it holds that gives one; NULL when it states none.  Borrowed from m.
 */
const struct law_info *content_module_law(const struct module *m);

/* The step as audience a sees it: its alternative, or st itself. */
const struct step *content_step_for(const struct step *st,
				    enum content_audience a);

/* A quiz's intro for audience a: its alternative, or the intro (NULL if
 * none). */
const char *content_quiz_intro(const struct quiz *q, enum content_audience a);

/* Content reviewed more than this many days ago is out of date. */
#define CONTENT_REVIEW_DAYS 365

/*
 * Was law (NULL: none) last reviewed more than CONTENT_REVIEW_DAYS days
 * before day today (days since 1970-01-01)?  False when it gives no date.
 */
bool content_law_stale(const struct law_info *law, long today);

#endif
