/* Exercise 01.1: the starter. */
struct list;

int first(const struct list *list)
{
	/* The head is never NULL: the statement promises a list that is not empty. */
	return list_head_value_of_the_quokka(list);
}
