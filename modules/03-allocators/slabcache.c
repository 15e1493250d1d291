// SPDX-License-Identifier: GPL-2.0
/*
 * slabcache.c - a slab cache of our own, with a constructor and a usercopy
 * whitelist.
 *
 *   /sys/kernel/debug/slabcache/ctl    write "alloc N", "free N" (the N most
 *                                      recent) or "free all"
 *   /sys/kernel/debug/slabcache/stats  objects held, constructor calls, and
 *                                      the cache's object size
 *   /sys/kernel/debug/slabcache/name   the name field of the newest object,
 *                                      copied to user space straight out of
 *                                      the slab
 *
 * The cache itself is /sys/kernel/slab/book_obj: a cache with a constructor
 * is never merged with another, so it always appears under its own name.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include "cmd.h"

/* A bound on what a user can make the module hold: 16384 * 256 B = 4 MiB. */
#define BOOK_OBJ_MAX 16384

/* @region object */
struct book_obj {
	struct list_head node;
	unsigned long magic;
	char secret[96];	/* never leaves the kernel */
	char name[32];		/* the only part user space may read */
};

#define BOOK_OBJ_MAGIC 0xb00c0b1eUL
/* @end object */

static struct kmem_cache *book_cache;
static DEFINE_MUTEX(book_lock);
static LIST_HEAD(book_held);
static unsigned int book_nr_held;
static atomic_long_t ctor_calls = ATOMIC_LONG_INIT(0);
static struct dentry *book_dir;

/* @region ctor */
/*
 * SLUB calls this once for every object of a slab when the slab is made,
 * not on each kmem_cache_alloc(): an object must go back to the cache in
 * this state, which is why book_free() restores it.
 */
static void book_obj_ctor(void *p)
{
	struct book_obj *obj = p;

	obj->magic = BOOK_OBJ_MAGIC;
	memset(obj->secret, 0, sizeof(obj->secret));
	strscpy(obj->name, "fresh", sizeof(obj->name));
	atomic_long_inc(&ctor_calls);
}
/* @end ctor */

static int book_alloc(unsigned int n)
{
	struct book_obj *obj;

	if (n > BOOK_OBJ_MAX - book_nr_held)
		return -ENOSPC;
	while (n--) {
		obj = kmem_cache_alloc(book_cache, GFP_KERNEL);
		if (!obj)
			return -ENOMEM;
		/* A constructed object still has what the constructor wrote. */
		if (WARN_ON_ONCE(obj->magic != BOOK_OBJ_MAGIC)) {
			kmem_cache_free(book_cache, obj);
			return -EIO;
		}
		snprintf(obj->name, sizeof(obj->name), "object %u", book_nr_held);
		list_add(&obj->node, &book_held);
		book_nr_held++;
	}
	return 0;
}

static void book_free(unsigned int n)
{
	struct book_obj *obj, *tmp;

	list_for_each_entry_safe(obj, tmp, &book_held, node) {
		if (!n--)
			break;
		list_del(&obj->node);
		strscpy(obj->name, "fresh", sizeof(obj->name));
		kmem_cache_free(book_cache, obj);
		book_nr_held--;
	}
}

static int book_cmd(const char *cmd)
{
	unsigned int n;
	int len;

	if (!strcmp(cmd, "free all")) {
		book_free(book_nr_held);
		return 0;
	}
	if (sscanf(cmd, "alloc %u%n", &n, &len) == 1 && !cmd[len])
		return book_alloc(n);
	if (sscanf(cmd, "free %u%n", &n, &len) == 1 && !cmd[len]) {
		if (n > book_nr_held)
			return -ENOENT;
		book_free(n);
		return 0;
	}
	return -EINVAL;
}

DEFINE_CMD_FOPS(ctl_fops, book_lock, book_cmd);

static int stats_show(struct seq_file *m, void *v)
{
	mutex_lock(&book_lock);
	seq_printf(m, "held %u\n", book_nr_held);
	mutex_unlock(&book_lock);
	seq_printf(m, "ctor_calls %ld\n", atomic_long_read(&ctor_calls));
	seq_printf(m, "object_size %u\n", kmem_cache_size(book_cache));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

/* @region name */
/*
 * copy_to_user() straight from the slab object: hardened usercopy checks
 * that the bytes lie inside the cache's whitelist (useroffset, usersize).
 * Asking for obj->secret here would stop the kernel with a usercopy BUG.
 */
static ssize_t name_read(struct file *file, char __user *ubuf, size_t len,
			 loff_t *ppos)
{
	struct book_obj *obj;
	ssize_t ret;

	mutex_lock(&book_lock);
	obj = list_first_entry_or_null(&book_held, struct book_obj, node);
	if (obj)
		ret = simple_read_from_buffer(ubuf, len, ppos, obj->name,
					      strnlen(obj->name, sizeof(obj->name)));
	else
		ret = -ENODATA;
	mutex_unlock(&book_lock);
	return ret;
}
/* @end name */

static const struct file_operations name_fops = {
	.owner = THIS_MODULE,
	.read = name_read,
	.llseek = default_llseek,
};

static int __init book_init(void)
{
	/* @region create */
	book_cache = kmem_cache_create_usercopy("book_obj",
			sizeof(struct book_obj), 0, SLAB_HWCACHE_ALIGN,
			offsetof(struct book_obj, name),
			sizeof_field(struct book_obj, name), book_obj_ctor);
	if (!book_cache)
		return -ENOMEM;
	/* @end create */
	book_dir = debugfs_create_dir("slabcache", NULL);
	if (IS_ERR(book_dir)) {
		kmem_cache_destroy(book_cache);
		return PTR_ERR(book_dir);
	}
	debugfs_create_file("ctl", 0200, book_dir, NULL, &ctl_fops);
	debugfs_create_file("stats", 0444, book_dir, NULL, &stats_fops);
	debugfs_create_file("name", 0444, book_dir, NULL, &name_fops);
	return 0;
}

static void __exit book_exit(void)
{
	debugfs_remove(book_dir);
	book_free(book_nr_held);
	/* Complains loudly (and fails make check) if an object was leaked. */
	kmem_cache_destroy(book_cache);
}

module_init(book_init);
module_exit(book_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A slab cache with a constructor and a usercopy whitelist");
