package dev.crmkit.core.result;

import dev.crmkit.core.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Result codes: their definitions (MANAGE), applying them to customers and their numbers
 * (CONTRIBUTE), and the report of how often each was applied, by source (VIEW).
 */
public interface ResultCodeService {

    /**
     * Defines a new code.
     *
     * @throws dev.crmkit.core.ConflictException {@code RESULT_CODE_TAKEN} if the tenant has it
     */
    ResultCode define(Actor actor, ResultCode code);

    /**
     * Replaces a code's label, activity, targets and parameter rules; applications made before
     * keep what they carried.
     *
     * @throws dev.crmkit.core.NotFoundException {@code RESULT_CODE_NOT_FOUND}
     */
    ResultCode redefine(Actor actor, ResultCode code);

    /** Every code of the tenant, active or not, by code. */
    List<ResultCode> list(Actor actor);

    Optional<ResultCode> find(Actor actor, String code);

    /**
     * Applies a code to a customer or one of its numbers: checks the code is active and applies
     * to that target, and that the parameters given are exactly those its rules allow (every
     * REQUIRED one given, no OFF one); stores the application; sets the customer's resultCode
     * and actionAt (the action date given, or none); and writes a LOG activity. Nothing changes
     * if any check fails.
     *
     * @throws dev.crmkit.core.CrmValidationException {@code RESULT_CODE_INACTIVE},
     *     {@code RESULT_TARGET_NOT_ALLOWED}, {@code RESULT_PARAMETER_REQUIRED},
     *     {@code RESULT_PARAMETER_NOT_ALLOWED} or {@code VALUE_INVALID}, with every problem found
     * @throws dev.crmkit.core.NotFoundException {@code CUSTOMER_NOT_FOUND},
     *     {@code RESULT_CODE_NOT_FOUND} or {@code PHONE_NOT_FOUND}
     */
    AppliedResult apply(Actor actor, long customerId, ResultInput input);

    /** The customer's applications, newest first. */
    List<AppliedResult> history(Actor actor, long customerId, int limit);

    /**
     * How many times each code was applied from each source at or after {@code from} and before
     * {@code to}, by code, then source; codes and sources never applied in the period are left out.
     */
    List<ResultCount> count(Actor actor, Instant from, Instant to);
}
