/** Permission levels, grants, the operations they allow, and the host's user directory. */
@NullMarked
package dev.crmkit.core.permission;

import org.jspecify.annotations.NullMarked;
