package dev.crmkit.core.spi;

import dev.crmkit.core.result.AppliedResult;
import dev.crmkit.core.result.ResultCode;
import dev.crmkit.core.result.ResultCount;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Result code definitions of one tenant and the applications of them. */
public interface ResultCodeStore {

    /**
     * Stores a new definition.
     *
     * @throws dev.crmkit.core.ConflictException {@code RESULT_CODE_TAKEN} if the code exists
     */
    void insert(ResultCode code);

    /** Replaces the definition with the same code; false if there is none. */
    boolean update(ResultCode code);

    /** Every definition, by code. */
    List<ResultCode> list();

    Optional<ResultCode> find(String code);

    /** Stores an application (its id is ignored) and returns the id assigned, increasing in the tenant. */
    long append(AppliedResult applied);

    /** The customer's applications, newest (highest id) first, at most {@code limit}. */
    List<AppliedResult> history(long customerId, int limit);

    /** The applications to a product, newest (highest id) first, at most {@code limit}. */
    List<AppliedResult> productHistory(String productNo, int limit);

    /** Removes the applications to a product (it is being removed); returns how many. */
    int deleteByProduct(String productNo);

    /**
     * Applications at or after {@code from} and before {@code to}, counted by code and source,
     * ordered by code, then source; no entry for a count of zero.
     */
    List<ResultCount> count(Instant from, Instant to);

    /** Removes the customer's applications (the customer is being deleted); returns how many. */
    int deleteByCustomer(long customerId);
}
