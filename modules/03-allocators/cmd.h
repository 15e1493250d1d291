/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmd.h - the one thing the chapter's modules share: turning what user space
 * wrote into a debugfs file into a short, NUL-terminated command line.
 */
#ifndef ALLOC_CMD_H
#define ALLOC_CMD_H

#include <linux/err.h>
#include <linux/fs.h>
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

#endif
