// SPDX-License-Identifier: GPL-2.0
/*
 * pool.c - exercise 03.4: a pool of objects from a slab cache of our own.
 *
 *   /sys/kernel/debug/pool/ctl      write "alloc N" (N objects, all or
 *                                   none), "free ID" or "free all"
 *   /sys/kernel/debug/pool/stats    live objects and constructor calls
 *   /sys/kernel/debug/pool/objects  the live objects, one a line, lowest
 *                                   ID first: "ID constructed", or "ID raw"
 *                                   for an object the constructor missed
 *
 * An object's ID is the slot of pool_slot[] that holds it: "alloc" takes
 * the lowest free slots.  The cache is /sys/kernel/slab/pool_obj.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>

/* A bound on what a user can make the module hold: 1024 * 128 B. */
#define POOL_MAX 1024
#define POOL_CMD_MAX 32
#define POOL_MAGIC 0x9001c0deULL

/* 128 bytes on both kernels: no padding, whatever aligns a u64. */
struct pool_obj {
	u64 magic; /* POOL_MAGIC once constructed */
	u32 id; /* the slot that holds it */
	char payload[116]; /* zero while the object is in the cache */
};

static struct kmem_cache *pool_cache;
static struct dentry *pool_dir;

/* pool_lock guards the slots and pool_live. */
static DEFINE_MUTEX(pool_lock);
static struct pool_obj *pool_slot[POOL_MAX];
static unsigned int pool_live;
static atomic_long_t pool_ctor_calls = ATOMIC_LONG_INIT(0);

/* @region ctor */
/*
 * SLUB runs the constructor on every object of a new slab, once: an
 * object comes back to the cache, and out of it again, in this state.
 */
static void pool_obj_ctor(void *p)
{
	struct pool_obj *obj = p;

	obj->magic = POOL_MAGIC;
	memset(obj->payload, 0, sizeof(obj->payload));
	atomic_long_inc(&pool_ctor_calls);
}
/* @end ctor */

/* @region alloc_free */
/* Gives back the object of a slot that holds one. */
static void pool_put(unsigned int id)
{
	kmem_cache_free(pool_cache, pool_slot[id]);
	pool_slot[id] = NULL;
	pool_live--;
}

/* n objects in the lowest free slots, or none: -ENOSPC, -ENOMEM, -EIO. */
static int pool_alloc(unsigned int n)
{
	DECLARE_BITMAP(fresh, POOL_MAX);
	struct pool_obj *obj;
	unsigned int id = 0;
	int ret = 0;

	if (n > POOL_MAX - pool_live)
		return -ENOSPC;
	bitmap_zero(fresh, POOL_MAX);
	for (; n; n--) {
		while (pool_slot[id])
			id++;
		obj = kmem_cache_alloc(pool_cache, GFP_KERNEL);
		if (!obj) {
			ret = -ENOMEM;
			break;
		}
		obj->id = id;
		pool_slot[id] = obj;
		pool_live++;
		__set_bit(id, fresh);
		/* What the constructor wrote is still there, or SLUB broke it. */
		if (obj->magic != POOL_MAGIC) {
			ret = -EIO;
			break;
		}
	}
	if (ret)
		for_each_set_bit(id, fresh, POOL_MAX) pool_put(id);
	return ret;
}

/* -ENOENT for a slot that holds nothing: never allocated, or freed. */
static int pool_free(unsigned int id)
{
	if (id >= POOL_MAX || !pool_slot[id])
		return -ENOENT;
	pool_put(id);
	return 0;
}

static void pool_free_all(void)
{
	unsigned int id;

	for (id = 0; id < POOL_MAX; id++)
		if (pool_slot[id])
			pool_put(id);
}
/* @end alloc_free */

static int pool_cmd(const char *cmd)
{
	unsigned int n;
	int len;

	if (!strcmp(cmd, "free all")) {
		pool_free_all();
		return 0;
	}
	if (sscanf(cmd, "alloc %u%n", &n, &len) == 1 && !cmd[len])
		return pool_alloc(n);
	if (sscanf(cmd, "free %u%n", &n, &len) == 1 && !cmd[len])
		return pool_free(n);
	return -EINVAL;
}

/*
 * A command comes in one write, from offset 0, shorter than POOL_CMD_MAX:
 * a shell's echo does that, and a half-command is never acted on.
 */
static ssize_t ctl_write(struct file *file, const char __user *ubuf, size_t len,
			 loff_t *ppos)
{
	char buf[POOL_CMD_MAX];
	int ret;

	if (*ppos != 0 || len == 0)
		return -EINVAL;
	if (len >= sizeof(buf))
		return -E2BIG;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	mutex_lock(&pool_lock);
	ret = pool_cmd(strim(buf));
	mutex_unlock(&pool_lock);
	return ret ? ret : len;
}

static const struct file_operations ctl_fops = {
	.owner = THIS_MODULE,
	.write = ctl_write,
	.llseek = no_llseek,
};

static int stats_show(struct seq_file *m, void *v)
{
	mutex_lock(&pool_lock);
	seq_printf(m, "live %u\n", pool_live);
	mutex_unlock(&pool_lock);
	seq_printf(m, "ctor_calls %ld\n", atomic_long_read(&pool_ctor_calls));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

static int objects_show(struct seq_file *m, void *v)
{
	unsigned int id;

	mutex_lock(&pool_lock);
	for (id = 0; id < POOL_MAX; id++)
		if (pool_slot[id])
			seq_printf(m, "%u %s\n", pool_slot[id]->id,
				   pool_slot[id]->magic == POOL_MAGIC ?
					   "constructed" :
					   "raw");
	mutex_unlock(&pool_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(objects);

static int __init pool_init(void)
{
	/* @region create */
	/* With a constructor, the cache is never merged with another. */
	pool_cache = kmem_cache_create("pool_obj", sizeof(struct pool_obj), 0,
				       0, pool_obj_ctor);
	if (!pool_cache)
		return -ENOMEM;
	/* @end create */
	pool_dir = debugfs_create_dir("pool", NULL);
	if (IS_ERR(pool_dir)) {
		kmem_cache_destroy(pool_cache);
		return PTR_ERR(pool_dir);
	}
	debugfs_create_file("ctl", 0200, pool_dir, NULL, &ctl_fops);
	debugfs_create_file("stats", 0444, pool_dir, NULL, &stats_fops);
	debugfs_create_file("objects", 0444, pool_dir, NULL, &objects_fops);
	return 0;
}

static void __exit pool_exit(void)
{
	/* No one can write to ctl any more: the slots are ours. */
	debugfs_remove(pool_dir);
	pool_free_all();
	kmem_cache_destroy(pool_cache);
}

module_init(pool_init);
module_exit(pool_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Exercise 03.4: a pool of objects from a slab cache");
