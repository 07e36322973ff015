package dev.crmkit.core.call;

import dev.crmkit.core.Actor;
import java.util.List;
import java.util.Optional;

/**
 * Calls with customers. Recording one needs CONTRIBUTE; reading them VIEW; opening a recording
 * also needs the call to be the actor's own, or the capability
 * {@link dev.crmkit.core.permission.Capability#OTHERS_RECORDINGS} through a group (admins always).
 */
public interface CallService {

    /**
     * Records a call: the customer's totalCalls, totalCallDuration and totalContacts grow,
     * lastContactAt moves to the call's start if that is later, the number's contacts today and in
     * all grow (today counted in the tenant's time zone, reset at its midnight), a result code given
     * is applied to the number (checked as {@link dev.crmkit.core.result.ResultCodeService#apply}
     * checks it), and a CALL activity is written. Nothing changes if a check fails.
     *
     * @throws dev.crmkit.core.NotFoundException {@code CUSTOMER_NOT_FOUND}, {@code PHONE_NOT_FOUND}
     *     or {@code RESULT_CODE_NOT_FOUND}
     * @throws dev.crmkit.core.CrmValidationException {@code USER_UNKNOWN} for an unknown agent, or
     *     the result code's own problems
     */
    Call record(Actor actor, long customerId, NewCall call);

    /** The customer's calls, the last recorded first. */
    List<Call> list(Actor actor, long customerId, int limit);

    /**
     * The call's recording reference, or empty if it has none.
     *
     * @throws dev.crmkit.core.PermissionDeniedException {@code PERMISSION_DENIED} for another agent's
     *     call without the capability
     * @throws dev.crmkit.core.NotFoundException {@code CALL_NOT_FOUND}
     */
    Optional<String> recording(Actor actor, long callId);
}
