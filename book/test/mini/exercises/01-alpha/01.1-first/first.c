/* Exercise 01.1: the starter. */
struct list;

int first(const struct list *list)
{
	/* TODO (exercise 01.1): return the value of the first element. */
	return -1;
}
