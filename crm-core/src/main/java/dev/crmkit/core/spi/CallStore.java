package dev.crmkit.core.spi;

import dev.crmkit.core.call.Call;
import java.util.List;
import java.util.Optional;

/** Calls of one tenant, with their recording references. */
public interface CallStore {

    /** Stores a call (its id is ignored) with its recording reference, or {@code null}; returns the id. */
    long append(Call call, String recordingRef);

    /** The customer's calls, highest id first, at most {@code limit}. */
    List<Call> list(long customerId, int limit);

    Optional<Call> find(long id);

    /** The call's recording reference, if it has one. */
    Optional<String> recordingRef(long id);

    /** Removes the customer's calls (the customer is being deleted); returns how many. */
    int deleteByCustomer(long customerId);
}
