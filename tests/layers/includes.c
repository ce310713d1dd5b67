/*
 * includes.c: compiled by the layer tests with one layer's include path
 * and one header named by -DHEADER.  A header of the layer itself or of
 * a layer below compiles; a header of a layer above must not be found.
 */
#include HEADER

int layers_probe(void);

int
layers_probe(void)
{
	return 0;
}
