/*
 * session.h: working through one module, step by step, without a terminal.
 *
 * A session walks a module's steps in order.  Each step kind has its own
 * small state machine (its phases below); the interface turns keys into
 * abstract events (enum session_ev), hands them to session_handle(), and
 * draws from a const view of the session.  Nothing here reads the clock,
 * draws, or stores anything: the caller saves progress (progress.h) from
 * session_export() and restores it with session_import().
 *
 * Layout:
 *
 *   struct session
 *     module         the module being worked through (borrowed)
 *     step           index of the current step
 *     steps[]        one struct session_step per step of the module,
 *                    kept when moving between steps, so going back and
 *                    forward again finds a step as it was left
 *     focus          the focused choice on the current screen (see
 *                    session_noptions()); the interface puts the cursor
 *                    there
 *
 * Per step kind (phase in steps[i].phase):
 *
 *   text        MAIN: the body; each NEXT reveals one more staged point,
 *               then moves on.
 *   sort        PLACE: the item steps[i].item is placed in a category
 *               (CHOOSE, or NEXT on the focused one); after the last item,
 *               SORT_FEEDBACK: every item right or wrong with its reason.
 *   views       STATEMENT: agree / disagree / unsure (SESSION_VIEW_*), held
 *               in memory only and never exported; then REFLECT: the
 *               statement's reflection prompts; then the next statement.
 *   quiz        QUESTION: choose an answer; FEEDBACK: right or wrong, the
 *               explanation and citation, the score so far; after the
 *               round, RESULTS with the pass mark and the options retry
 *               wrong (SESSION_RESULT_RETRY_WRONG), retry all, continue.
 *   scenario    STORY, then SQUESTION (one question at a time, item is the
 *               index), then ACD (Ask / Check / Do), then POINTS.
 *   glossary    MAIN: terms filtered by letter (LETTER) and by a search
 *               (SEARCH); focus moves over the matching terms.
 *   rating      RATE: one question at a time (item), a value 1..scale;
 *               focus f means value f + 1.
 *   reflection, break
 *               MAIN: shown, then NEXT moves on.  Nothing typed is kept.
 *
 * After the last step the session is in phase END and finished is true.
 */
#ifndef WORKSHOP_SESSION_H
#define WORKSHOP_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"

enum session_phase {
	SESSION_PH_MAIN,
	SESSION_PH_PLACE,
	SESSION_PH_SORT_FEEDBACK,
	SESSION_PH_STATEMENT,
	SESSION_PH_REFLECT,
	SESSION_PH_QUESTION,
	SESSION_PH_FEEDBACK,
	SESSION_PH_RESULTS,
	SESSION_PH_STORY,
	SESSION_PH_SQUESTION,
	SESSION_PH_ACD,
	SESSION_PH_POINTS,
	SESSION_PH_RATE,
	SESSION_PH_END,
};

enum session_ev {
	SESSION_EV_NEXT,	/* go on: reveal, choose the focused, move on */
	SESSION_EV_BACK,	/* back one item or phase, else one step */
	SESSION_EV_UP,		/* focus the previous choice */
	SESSION_EV_DOWN,	/* focus the next choice */
	SESSION_EV_CHOOSE,	/* choose option index (see noptions) */
	SESSION_EV_RETRY_WRONG, /* quiz results: ask the wrong ones again */
	SESSION_EV_RETRY_ALL,	/* quiz results: the whole quiz again */
	SESSION_EV_LETTER,	/* glossary: index is a letter, 0 for all */
	SESSION_EV_SEARCH,	/* glossary: text is the search ("" clears) */
};

struct session_event {
	enum session_ev type;
	int index;
	const char *text; /* borrowed for the call */
};

/* What session_handle() did. */
enum session_outcome {
	SESSION_IGNORED,  /* the event means nothing here */
	SESSION_CHANGED,  /* the state changed: redraw */
	SESSION_STEP,	  /* moved to another step (save progress) */
	SESSION_FINISHED, /* the module is finished */
};

enum session_view {
	SESSION_VIEW_AGREE,
	SESSION_VIEW_DISAGREE,
	SESSION_VIEW_UNSURE,
	SESSION_NVIEWS,
};

enum session_result_option {
	SESSION_RESULT_RETRY_WRONG,
	SESSION_RESULT_RETRY_ALL,
	SESSION_RESULT_CONTINUE,
	SESSION_NRESULT_OPTIONS,
};

struct session_step {
	enum session_phase phase;
	size_t revealed; /* text: staged points shown */
	size_t item;	 /* sort item, views statement, scenario
			    question, rating question */
	int *placed;	 /* sort: category per item, -1 if not yet */
	int view;	 /* views: current choice, -1 if none */
	int *ratings;	 /* rating: value per question, 0 if none */
	int *answers;	 /* quiz: choice per question, -1 if none */
	size_t *order;	 /* quiz: questions asked this round */
	size_t norder;
	size_t pos;	 /* quiz: position in order */
	unsigned rounds; /* quiz: rounds started (1 the first time) */
	int letter;	 /* glossary: 'A'..'Z', or 0 for all */
	char *search;	 /* glossary: the search, or NULL */
	size_t *match;	 /* glossary: matching term indexes */
	size_t nmatch;
	int focus; /* the focus kept for this step */
};

struct session {
	struct module *module;
	size_t step;
	struct session_step *steps;
	int focus;
	bool finished;
};

/*
 * A session at the start of module m (borrowed; it must outlive the
 * session).  Never NULL; free with session_free().
 */
struct session *session_new(struct module *m);
void session_free(struct session *s);

/* Apply one event; see enum session_outcome. */
enum session_outcome session_handle(struct session *s,
				    const struct session_event *ev);

/*
 * Is there something new to save after an event of type ev with outcome o:
 * a move to another step, or an answer (or a retry) on a quiz or sort,
 * whose answers are kept?  Moving the focus is not worth a save.
 */
bool session_worth_saving(const struct session *s, enum session_ev ev,
			  enum session_outcome o);

/* Shorthand for an event with no argument. */
enum session_outcome session_do(struct session *s, enum session_ev type);

/* The current step, or NULL once finished. */
const struct step *session_current(const struct session *s);
const struct session_step *session_state(const struct session *s);

/*
 * How many choices the current screen offers (0 if none): the categories
 * of a sort, the views, a question's choices, the result options, a
 * rating's scale, the matching glossary terms.
 */
size_t session_noptions(const struct session *s);

/* Move to step i, keeping every step's state; false if out of range. */
bool session_goto(struct session *s, size_t i);

/* The quiz question on screen (QUESTION or FEEDBACK), or NULL. */
const struct question *session_question(const struct session *s);

/*
 * Quiz score over every quiz step of the module: questions answered
 * correctly, and the number of questions.
 */
void session_score(const struct session *s, unsigned *right, unsigned *total);

/* One quiz step's score so far (answered right, answered). */
void session_quiz_score(const struct session *s, size_t step, unsigned *right,
			unsigned *answered);

/*
 * The record a finished module earns: "completed", or "passed"/"failed"
 * when it has a quiz, with *score, *total and *pass_mark (percent of the
 * first quiz; 0 when no quiz).  Returns a static string.
 */
const char *session_outcome_event(const struct session *s, unsigned *score,
				  unsigned *total, unsigned *pass_mark);

/* Did the quiz step pass (right * 100 >= pass_mark * questions)? */
bool session_quiz_passed(const struct session *s, size_t step);

/* "Quiz 4/24", "Step 3/9" and the like for the status line. */
void session_position(const struct session *s, char *buf, size_t len);

/* Label of a view choice ("Agree", ...). */
const char *session_view_label(int view);

/*
 * What may be saved (see progress.h): the step, and per step the quiz
 * answers or sort placements.  Never views, ratings or reflections.
 * session_export fills out (one struct per step with answers), freed with
 * session_saved_free.
 */
struct session_saved_step {
	size_t step;
	bool quiz; /* else sort */
	int *v;
	size_t n;
};

struct session_saved {
	size_t step;
	bool finished;
	struct session_saved_step *steps;
	size_t nsteps;
};

void session_export(const struct session *s, struct session_saved *out);
/* Restore what fits the module (answers out of range are dropped). */
void session_import(struct session *s, const struct session_saved *in);
void session_saved_free(struct session_saved *sv);

#endif
