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

/* Used by the code you write: __maybe_unused keeps the starter clean. */
static struct kmem_cache __maybe_unused *pool_cache;
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
static void __maybe_unused pool_obj_ctor(void *p)
{
	/*
	 * TODO (exercise 03.4): set the object's magic to POOL_MAGIC, clear
	 * its payload, and count the call in pool_ctor_calls.
	 */
}
/* @end ctor */

/* @region alloc_free */
/*
 * TODO (exercise 03.4): take n objects from pool_cache and put them in
 * the lowest free slots of pool_slot[], each with its slot in obj->id;
 * count them in pool_live.  All or none: -ENOSPC, before anything is
 * taken, when more than POOL_MAX objects would be live; when an
 * allocation fails half-way, give back what this call took and return
 * -ENOMEM.  An object whose magic is not POOL_MAGIC was not constructed:
 * give everything back the same way and return -EIO.
 */
static int pool_alloc(unsigned int n)
{
	return -ENOSYS;
}

/*
 * TODO (exercise 03.4): give back the object in slot id, empty the slot
 * and count it out of pool_live; -ENOENT when the slot holds no object.
 */
static int pool_free(unsigned int id)
{
	return -ENOSYS;
}

/* TODO (exercise 03.4): give back every live object. */
static void pool_free_all(void)
{
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
	/*
	 * TODO (exercise 03.4): create pool_cache, "pool_obj", for objects
	 * of struct pool_obj, with pool_obj_ctor() as its constructor; return
	 * -ENOMEM if that fails, and destroy it again if what follows fails.
	 */
	pool_dir = debugfs_create_dir("pool", NULL);
	if (IS_ERR(pool_dir))
		return PTR_ERR(pool_dir);
	debugfs_create_file("ctl", 0200, pool_dir, NULL, &ctl_fops);
	debugfs_create_file("stats", 0444, pool_dir, NULL, &stats_fops);
	debugfs_create_file("objects", 0444, pool_dir, NULL, &objects_fops);
	return 0;
}

static void __exit pool_exit(void)
{
	/* No one can write to ctl any more: the slots are ours. */
	debugfs_remove(pool_dir);
	/*
	 * TODO (exercise 03.4): give back every live object, then destroy
	 * pool_cache.
	 */
}

module_init(pool_init);
module_exit(pool_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Exercise 03.4: a pool of objects from a slab cache");
