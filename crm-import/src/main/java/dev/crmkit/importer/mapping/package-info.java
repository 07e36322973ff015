/** Header mapping: which column of a file goes to which customer field. */
package dev.crmkit.importer.mapping;
