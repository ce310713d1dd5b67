/*
 * content.c: loading a whole pack, checking ids and references, content
 * versions, lookups and freeing.
 */
#include "content.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "node.h"
#include "schema.h"
#include "util.h"

static const char *const pack_dirs[] = {"modules", "quizzes", "scenarios"};

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
is_yaml_name(const char *name)
{
	size_t n = strlen(name);

	if (name[0] == '.')
		return false;
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

/* Append the YAML files of dir (sorted) to *paths; -1/errno if unreadable. */
static int
list_dir(const char *dir, char ***paths, size_t *n)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	size_t first = *n;

	if (dp == NULL)
		return -1;
	while ((e = readdir(dp)) != NULL) {
		if (!is_yaml_name(e->d_name))
			continue;
		*paths = xreallocarray(*paths, *n + 1, sizeof **paths);
		(*paths)[(*n)++] = util_path_join(dir, e->d_name);
	}
	closedir(dp);
	qsort(*paths + first, *n - first, sizeof **paths, str_cmp);
	return 0;
}

static void
strlist_free(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static void
step_free(struct step *s)
{
	size_t i;

	for (i = 0; i < CONTENT_AUDIENCES; i++) {
		if (s->alt[i] != NULL)
			step_free(s->alt[i]);
		free(s->alt[i]);
	}
	free(s->title);
	free(s->notes);
	switch (s->kind) {
	case STEP_TEXT:
		free(s->u.text.body);
		strlist_free(&s->u.text.points);
		strlist_free(&s->u.text.cite);
		break;
	case STEP_SORT:
		free(s->u.sort.prompt);
		for (i = 0; i < s->u.sort.ncategories; i++) {
			free(s->u.sort.categories[i].id);
			free(s->u.sort.categories[i].label);
		}
		free(s->u.sort.categories);
		for (i = 0; i < s->u.sort.nitems; i++) {
			free(s->u.sort.items[i].text);
			free(s->u.sort.items[i].reason);
		}
		free(s->u.sort.items);
		break;
	case STEP_VIEWS:
		free(s->u.views.prompt);
		for (i = 0; i < s->u.views.nstatements; i++) {
			free(s->u.views.statements[i].text);
			strlist_free(&s->u.views.statements[i].prompts);
		}
		free(s->u.views.statements);
		break;
	case STEP_QUIZ:
		free(s->u.quiz.ref);
		break;
	case STEP_SCENARIO:
		free(s->u.scenario.ref);
		break;
	case STEP_GLOSSARY:
		free(s->u.glossary.intro);
		for (i = 0; i < s->u.glossary.nterms; i++) {
			free(s->u.glossary.terms[i].term);
			free(s->u.glossary.terms[i].definition);
			free(s->u.glossary.terms[i].note);
		}
		free(s->u.glossary.terms);
		break;
	case STEP_RATING:
		free(s->u.rating.prompt);
		free(s->u.rating.set);
		free(s->u.rating.low);
		free(s->u.rating.high);
		strlist_free(&s->u.rating.questions);
		break;
	case STEP_REFLECTION:
		strlist_free(&s->u.reflection.prompts);
		break;
	case STEP_BREAK:
		break;
	}
}

static void
law_free(struct law_info *l)
{
	free(l->jurisdiction);
	free(l->reviewed);
}

static void
quiz_free(struct quiz *q)
{
	size_t i;

	free(q->id);
	free(q->title);
	free(q->intro);
	for (size_t a = 0; a < CONTENT_AUDIENCES; a++)
		free(q->intro_alt[a]);
	law_free(&q->law);
	for (i = 0; i < q->nquestions; i++) {
		struct question *x = &q->questions[i];

		free(x->id);
		free(x->text);
		strlist_free(&x->choices);
		free(x->explanation);
		free(x->cite);
		free(x->notes);
		free(x->jurisdiction);
	}
	free(q->questions);
}

static void
scenario_free(struct scenario *s)
{
	free(s->id);
	free(s->title);
	free(s->story);
	strlist_free(&s->questions);
	strlist_free(&s->ask);
	strlist_free(&s->check);
	strlist_free(&s->act);
	strlist_free(&s->points);
	strlist_free(&s->law);
	free(s->notes);
	law_free(&s->lawinfo);
}

static void
programme_free(struct programme *p)
{
	size_t i;

	if (p == NULL)
		return;
	free(p->id);
	free(p->title);
	for (i = 0; i < p->nitems; i++) {
		free(p->items[i].ref);
		free(p->items[i].title);
	}
	free(p->items);
	free(p);
}

void
content_free(struct content *c)
{
	size_t i, j;

	if (c == NULL)
		return;
	for (i = 0; i < c->nmodules; i++) {
		struct module *m = &c->modules[i];

		for (j = 0; j < m->nsteps; j++)
			step_free(&m->steps[j]);
		free(m->steps);
		free(m->id);
		free(m->title);
		free(m->summary);
		law_free(&m->law);
	}
	free(c->modules);
	for (i = 0; i < c->nquizzes; i++)
		quiz_free(&c->quizzes[i]);
	free(c->quizzes);
	for (i = 0; i < c->nscenarios; i++)
		scenario_free(&c->scenarios[i]);
	free(c->scenarios);
	programme_free(c->programme);
	for (i = 0; i < c->nfiles; i++) {
		free(c->files[i].path);
		free(c->files[i].bytes);
	}
	free(c->files);
	free(c->root);
	free(c);
}

/* ---- ids and references -------------------------------------------- */

struct idref {
	const char *id;
	struct srcpos pos;
};

static int
idref_cmp(const void *a, const void *b)
{
	const struct idref *x = a, *y = b;
	int r = strcmp(x->id, y->id);

	if (r != 0)
		return r;
	r = strcmp(x->pos.file, y->pos.file);
	return r != 0
		   ? r
		   : (x->pos.line > y->pos.line) - (x->pos.line < y->pos.line);
}

static void
check_unique_ids(const struct content *c, struct diags *d)
{
	struct idref *ids =
	    xcalloc(c->nmodules + c->nquizzes + c->nscenarios + 1, sizeof *ids);
	size_t n = 0, i;

	for (i = 0; i < c->nmodules; i++)
		if (c->modules[i].id != NULL)
			ids[n++] =
			    (struct idref){c->modules[i].id, c->modules[i].pos};
	for (i = 0; i < c->nquizzes; i++)
		if (c->quizzes[i].id != NULL)
			ids[n++] =
			    (struct idref){c->quizzes[i].id, c->quizzes[i].pos};
	for (i = 0; i < c->nscenarios; i++)
		if (c->scenarios[i].id != NULL)
			ids[n++] = (struct idref){c->scenarios[i].id,
						  c->scenarios[i].pos};
	qsort(ids, n, sizeof *ids, idref_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(ids[i].id, ids[i - 1].id) == 0)
			diags_add(d, ids[i].pos.file, ids[i].pos.line,
				  ids[i].pos.col,
				  "duplicate id \"%s\" (first defined at "
				  "%s:%u:%u)",
				  ids[i].id, ids[i - 1].pos.file,
				  ids[i - 1].pos.line, ids[i - 1].pos.col);
	free(ids);
}

struct module *
content_module(const struct content *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->nmodules; i++)
		if (c->modules[i].id != NULL &&
		    strcmp(c->modules[i].id, id) == 0)
			return &c->modules[i];
	return NULL;
}

struct quiz *
content_quiz(const struct content *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->nquizzes; i++)
		if (c->quizzes[i].id != NULL &&
		    strcmp(c->quizzes[i].id, id) == 0)
			return &c->quizzes[i];
	return NULL;
}

struct scenario *
content_scenario(const struct content *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->nscenarios; i++)
		if (c->scenarios[i].id != NULL &&
		    strcmp(c->scenarios[i].id, id) == 0)
			return &c->scenarios[i];
	return NULL;
}

static void
resolve_programme(struct content *c, struct diags *d)
{
	struct programme *p = c->programme;
	size_t i, j;

	for (i = 0; i < p->nitems; i++) {
		struct programme_item *it = &p->items[i];

		if (it->kind != PROGRAMME_MODULE || it->ref == NULL)
			continue;
		it->module = content_module(c, it->ref);
		if (it->module == NULL)
			diags_add(d, it->pos.file, it->pos.line, it->pos.col,
				  "unresolved reference: module \"%s\" is not "
				  "defined in the pack",
				  it->ref);
		for (j = 0; j < i; j++)
			if (p->items[j].ref != NULL &&
			    strcmp(p->items[j].ref, it->ref) == 0)
				diags_add(d, it->pos.file, it->pos.line,
					  it->pos.col,
					  "module \"%s\" is already in the "
					  "programme (line %u)",
					  it->ref, p->items[j].pos.line);
	}
}

static bool
ratings_match(const struct step *a, const struct step *b)
{
	size_t q;

	if (a->u.rating.scale != b->u.rating.scale ||
	    a->u.rating.questions.n != b->u.rating.questions.n)
		return false;
	for (q = 0; q < a->u.rating.questions.n; q++)
		if (strcmp(a->u.rating.questions.v[q],
			   b->u.rating.questions.v[q]) != 0)
			return false;
	return true;
}

/*
 * Ratings in one set must ask the same questions on the same scale, so that
 * before and after can be compared.  Each rating is checked against the
 * first one of its set.
 */
static void
check_rating_sets(const struct content *c, struct diags *d)
{
	const struct step **first = NULL, *s;
	size_t nfirst = 0, i, j, k;

	for (i = 0; i < c->nmodules; i++) {
		for (j = 0; j < c->modules[i].nsteps; j++) {
			s = &c->modules[i].steps[j];
			if (s->kind != STEP_RATING || s->u.rating.set == NULL)
				continue;
			for (k = 0; k < nfirst; k++)
				if (strcmp(first[k]->u.rating.set,
					   s->u.rating.set) == 0)
					break;
			if (k == nfirst) {
				first = xreallocarray(first, nfirst + 1,
						      sizeof *first);
				first[nfirst++] = s;
			} else if (!ratings_match(first[k], s)) {
				diags_add(d, s->pos.file, s->pos.line,
					  s->pos.col,
					  "rating set \"%s\" must ask the same "
					  "questions on the same scale as at "
					  "%s:%u",
					  s->u.rating.set, first[k]->pos.file,
					  first[k]->pos.line);
			}
		}
	}
	free(first);
}

const char *
content_file_version(struct content_file *f)
{
	if (f->version[0] == '\0')
		digest_hex(f->bytes != NULL ? f->bytes : "", f->len,
			   f->version);
	return f->version;
}

const char *
content_module_version(struct module *m)
{
	struct strbuf b;
	size_t i;

	if (m->version[0] != '\0')
		return m->version;
	strbuf_init(&b);
	strbuf_adds(&b, content_file_version(m->file));
	for (i = 0; i < m->nsteps; i++) {
		const struct step *s = &m->steps[i];

		if (s->kind == STEP_QUIZ && s->u.quiz.quiz != NULL)
			strbuf_adds(&b,
				    content_file_version(s->u.quiz.quiz->file));
		if (s->kind == STEP_SCENARIO && s->u.scenario.scenario != NULL)
			strbuf_adds(&b, content_file_version(
					    s->u.scenario.scenario->file));
	}
	digest_hex(b.s, b.len, m->version);
	strbuf_free(&b);
	return m->version;
}

static void
resolve(struct content *c, bool report, struct diags *d)
{
	size_t i, j;

	check_unique_ids(c, d);
	if (c->programme != NULL && report)
		resolve_programme(c, d);
	for (i = 0; i < c->nmodules; i++) {
		struct module *m = &c->modules[i];

		for (j = 0; j < m->nsteps; j++) {
			struct step *s = &m->steps[j];
			const char *ref = NULL, *what = NULL;
			bool found = true;

			if (s->kind == STEP_QUIZ && s->u.quiz.ref != NULL) {
				s->u.quiz.quiz = content_quiz(c, s->u.quiz.ref);
				found = s->u.quiz.quiz != NULL;
				ref = s->u.quiz.ref;
				what = "quiz";
			} else if (s->kind == STEP_SCENARIO &&
				   s->u.scenario.ref != NULL) {
				s->u.scenario.scenario =
				    content_scenario(c, s->u.scenario.ref);
				found = s->u.scenario.scenario != NULL;
				ref = s->u.scenario.ref;
				what = "scenario";
			}
			if (!found && report)
				diags_add(d, s->pos.file, s->pos.line,
					  s->pos.col,
					  "unresolved reference: %s \"%s\" is "
					  "not defined in the pack",
					  what, ref);
		}
	}
	check_rating_sets(c, d);
}

/* ---- loading -------------------------------------------------------- */

static void
parse_into(struct content *c, struct content_file *f, const char *buf,
	   size_t len, struct diags *d)
{
	struct node *root;

	root = loader_parse(f->path, buf, len, CONTENT_MAX_DEPTH, d);
	if (root == NULL)
		return;
	schema_build(c, f, root, d);
	node_free(root);
}

static void
load_one(struct content *c, struct content_file *f, struct diags *d)
{
	size_t len;
	char *buf;

	buf = util_read_file(f->path, CONTENT_MAX_FILE_BYTES, &len);
	if (buf == NULL) {
		if (errno == EFBIG)
			diags_add(d, f->path, 0, 0,
				  "the file is larger than the limit of %u "
				  "bytes",
				  CONTENT_MAX_FILE_BYTES);
		else
			diags_add_io(d, f->path, "cannot read: %s",
				     strerror(errno));
		return;
	}
	f->bytes = buf;
	f->len = len;
	parse_into(c, f, buf, len, d);
}

struct content *
content_load_files(char *const *paths, size_t n, bool report, struct diags *d)
{
	struct content *c = xcalloc(1, sizeof *c);
	size_t i;

	c->files = xcalloc(n, sizeof *c->files);
	c->nfiles = n;
	for (i = 0; i < n; i++) {
		c->files[i].path = xstrdup(paths[i]);
		load_one(c, &c->files[i], d);
	}
	resolve(c, report, d);
	return c;
}

struct content *
content_load_buffer(const char *name, const char *buf, size_t len,
		    struct diags *d)
{
	struct content *c = xcalloc(1, sizeof *c);

	c->files = xcalloc(1, sizeof *c->files);
	c->nfiles = 1;
	c->files[0].path = xstrdup(name);
	if (len > CONTENT_MAX_FILE_BYTES)
		diags_add(d, name, 0, 0,
			  "the file is larger than the limit of %u bytes",
			  CONTENT_MAX_FILE_BYTES);
	else {
		c->files[0].bytes = xstrndup(buf, len);
		c->files[0].len = len;
		parse_into(c, &c->files[0], buf, len, d);
	}
	resolve(c, false, d);
	return c;
}

struct content *
content_load_dir(const char *root, struct diags *d)
{
	char **paths = NULL, *dir;
	struct content *c;
	size_t n = 0, i, found = 0;
	int saved;

	for (i = 0; i < UTIL_NELEM(pack_dirs); i++) {
		dir = util_path_join(root, pack_dirs[i]);
		if (list_dir(dir, &paths, &n) == 0)
			found++;
		else if (errno != ENOENT)
			diags_add_io(d, dir, "cannot read: %s",
				     strerror(errno));
		free(dir);
	}
	if (found == 0 || n > CONTENT_MAX_FILES) {
		saved = found == 0 ? ENOENT : EFBIG;
		for (i = 0; i < n; i++)
			free(paths[i]);
		free(paths);
		errno = saved;
		return NULL;
	}
	c = content_load_files(paths, n, true, d);
	c->root = xstrdup(root);
	if (c->programme == NULL)
		diags_add(d, root, 0, 0,
			  "the pack has no programme (a file with \"kind: "
			  "programme\" in modules/)");
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	return c;
}

void
content_count(const struct content *c, struct content_counts *out)
{
	size_t i, j;

	memset(out, 0, sizeof *out);
	out->files = c->nfiles;
	out->modules = c->nmodules;
	out->quizzes = c->nquizzes;
	out->scenarios = c->nscenarios;
	for (i = 0; i < c->nquizzes; i++)
		out->questions += c->quizzes[i].nquestions;
	for (i = 0; i < c->nmodules; i++) {
		out->steps += c->modules[i].nsteps;
		for (j = 0; j < c->modules[i].nsteps; j++)
			if (c->modules[i].steps[j].kind == STEP_GLOSSARY)
				out->terms +=
				    c->modules[i].steps[j].u.glossary.nterms;
	}
}

const struct law_info *
content_module_law(const struct module *m)
{
	const struct law_info *law;

	if (m->law.reviewed != NULL)
		return &m->law;
	for (size_t i = 0; i < m->nsteps; i++) {
		const struct step *st = &m->steps[i];

		law = NULL;
		if (st->kind == STEP_QUIZ && st->u.quiz.quiz != NULL)
			law = &st->u.quiz.quiz->law;
		else if (st->kind == STEP_SCENARIO &&
			 st->u.scenario.scenario != NULL)
			law = &st->u.scenario.scenario->lawinfo;
		if (law != NULL && law->reviewed != NULL)
			return law;
	}
	return NULL;
}

bool
content_law_stale(const struct law_info *law, long today)
{
	long days;

	if (law == NULL || law->reviewed == NULL)
		return false;
	days = when_days(law->reviewed);
	return days >= 0 && today - days > CONTENT_REVIEW_DAYS;
}

const struct step *
content_step_for(const struct step *st, enum content_audience a)
{
	return st->alt[a] != NULL ? st->alt[a] : st;
}

const char *
content_quiz_intro(const struct quiz *q, enum content_audience a)
{
	return q->intro_alt[a] != NULL ? q->intro_alt[a] : q->intro;
}
