/** Custom field definitions ("değişken alanlar") with their types, options and visibility. */
package dev.crmkit.core.field;
