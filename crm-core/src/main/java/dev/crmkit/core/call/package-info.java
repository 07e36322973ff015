/**
 * Call records ("Çağrılar"): each call with a customer counted on the customer and the number,
 * with its result code and a reference to its recording, which only the call's agent or groups
 * with {@link dev.crmkit.core.permission.Capability#OTHERS_RECORDINGS} may open.
 */
@NullMarked
package dev.crmkit.core.call;

import org.jspecify.annotations.NullMarked;
