/* SPDX-License-Identifier: MIT */
/* Everything a plugin needs, in one include. */
#ifndef IGTEXT_IGTEXT_H
#define IGTEXT_IGTEXT_H

#include <igtext/buf.h>
#include <igtext/doc.h>
#include <igtext/error.h>
#include <igtext/host.h>
#include <igtext/input.h>
#include <igtext/log.h>
#include <igtext/plugin.h>
#include <igtext/text.h>
#include <igtext/version.h>

#endif
