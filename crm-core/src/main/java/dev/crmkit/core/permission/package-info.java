/** Permission levels, grants, the operations they allow, and the host's user directory. */
package dev.crmkit.core.permission;
