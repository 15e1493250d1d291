/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmd.h - the one thing the chapter's modules share: a write-only debugfs
 * file that takes one short command line per write.
 */
#ifndef ALLOC_CMD_H
#define ALLOC_CMD_H

#include <linux/err.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#define CMD_MAX 64

/*
 * A command must arrive in one write, from offset 0: a shell's echo does
 * that, and refusing anything else keeps half-commands from being acted on.
 */
static inline char *cmd_copy(char *buf, const char __user *ubuf, size_t len,
			     loff_t *ppos)
{
	if (*ppos != 0 || len == 0)
		return ERR_PTR(-EINVAL);
	if (len >= CMD_MAX)
		return ERR_PTR(-E2BIG);
	if (copy_from_user(buf, ubuf, len))
		return ERR_PTR(-EFAULT);
	buf[len] = '\0';
	return strim(buf);
}

/*
 * DEFINE_CMD_FOPS(fops, lock, handler): the file_operations "fops" of a
 * command file.  Each write runs int handler(char *cmd) under the mutex
 * lock, and answers with the handler's errno or, on success, the length
 * written.
 */
#define DEFINE_CMD_FOPS(fops, lock, handler)				\
static ssize_t fops##_write(struct file *file, const char __user *ubuf,\
			    size_t len, loff_t *ppos)			\
{									\
	char buf[CMD_MAX], *cmd;					\
	int ret;							\
									\
	cmd = cmd_copy(buf, ubuf, len, ppos);				\
	if (IS_ERR(cmd))						\
		return PTR_ERR(cmd);					\
	mutex_lock(&lock);						\
	ret = handler(cmd);						\
	mutex_unlock(&lock);						\
	return ret ? ret : len;						\
}									\
static const struct file_operations fops = {				\
	.owner = THIS_MODULE,						\
	.write = fops##_write,						\
	.llseek = no_llseek,						\
}

#endif
