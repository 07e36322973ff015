/** Header mapping: which column of a file goes to which customer field. */
@NullMarked
package dev.crmkit.importer.mapping;

import org.jspecify.annotations.NullMarked;
