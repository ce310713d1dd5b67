/*
 * schema.h: checking a parsed file against the content schema and building
 * the content model from it (see workshop-content(5) for the schema).
 */
#ifndef WORKSHOP_SCHEMA_H
#define WORKSHOP_SCHEMA_H

#include "content.h"
#include "node.h"

/*
 * Check root (the parsed file f) and append what it defines to c: the
 * programme, a module, a quiz or a scenario.  Every problem is added to d;
 * whatever could be read is still appended, so that later checks (ids,
 * references) report as much as possible.  References are not resolved
 * here (see content.c).
 */
void schema_build(struct content *c, struct content_file *f,
		  const struct node *root, struct diags *d);

#endif
