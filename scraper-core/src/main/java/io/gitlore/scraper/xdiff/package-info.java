/*
 * Provenance and licence: this package is a Java port of git 2.39's xdiff. Histogram follows xdiff/xhistogram.c,
 * Copyright (C) 2010 Google Inc. and the JGit contributors, under the Eclipse Distribution License 1.0 (BSD-style).
 * Classic, Compaction, Hunks and GitDiff's script follow xdiff/xdiffi.c, xprepare.c and xemit.c, LibXDiff,
 * Copyright (C) 2003 Davide Libenzi and the git contributors, under the GNU Lesser General Public License 2.1 or
 * (at your option) any later version; those classes are derived works under that licence.
 */

/**
 * git's line diff in Java: the counts and patches {@code git diff --histogram} prints, for the scraper's records.
 */
package io.gitlore.scraper.xdiff;
