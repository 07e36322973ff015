/** Custom field definitions ("değişken alanlar") with their types, options and visibility. */
@NullMarked
package dev.crmkit.core.field;

import org.jspecify.annotations.NullMarked;
