package dev.crmkit.core.customer;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Page;
import java.util.Optional;

/**
 * Customers and their phone numbers. Every call acts for an {@link Actor} within the actor's
 * tenant; another tenant's customers do not exist for it. A call that fails, for any reason,
 * changes nothing. Implementations are thread-safe.
 *
 * <p>Permission levels: reading needs VIEW, creating and recording contacts CONTRIBUTE, changing and
 * deleting EDIT, reading the unmasked national id MANAGE.
 */
public interface CustomerService {

    /**
     * Creates a customer and writes its "created" activity.
     *
     * @throws dev.crmkit.core.CrmValidationException with every invalid value
     * @throws dev.crmkit.core.ConflictException {@code DUPLICATE_PHONE} if the phone is taken
     */
    Customer create(Actor actor, NewCustomer customer);

    /**
     * Reads one customer.
     *
     * @throws dev.crmkit.core.NotFoundException {@code CUSTOMER_NOT_FOUND}
     */
    Customer get(Actor actor, long customerId);

    /**
     * The customer's hover card, read in one unit of work: the customer as {@link #get} gives it,
     * its next open work items (overdue first) and its latest activities. Needs VIEW.
     *
     * @param maxWorkItems how many open work items at most, 1..100
     * @param maxActivities how many activities at most, 1..100
     * @throws dev.crmkit.core.NotFoundException {@code CUSTOMER_NOT_FOUND}
     * @throws dev.crmkit.core.CrmValidationException {@code VALUE_INVALID} for a limit out of range
     */
    CustomerCard card(Actor actor, long customerId, int maxWorkItems, int maxActivities);

    /** The customer whose primary phone this is, written in any form. */
    Optional<Customer> findByPhone(Actor actor, String phone);

    /**
     * Applies a change if the customer is still at the expected version, and writes a LOG
     * activity naming each changed field with its old and new value.
     *
     * @throws dev.crmkit.core.ConflictException {@code VERSION_CONFLICT} if it changed since read
     * @throws dev.crmkit.core.CrmValidationException {@code PHONE_IMMUTABLE} for a different phone,
     *     or any invalid value
     */
    Customer update(Actor actor, CustomerUpdate update);

    /**
     * Deletes a customer for good, with its phones, custom values and activities; a non-personal
     * audit entry remains.
     */
    void delete(Actor actor, long customerId);

    /** The unmasked national id, for MANAGE actors only. */
    Optional<String> revealNationalId(Actor actor, long customerId);

    /** One page of customers matching the query. */
    Page<Customer> search(Actor actor, CustomerQuery query);

    /** How many customers match the query (its cursor and limit are ignored). */
    long count(Actor actor, CustomerQuery query);

    /** Adds a number to a customer. */
    Customer addPhone(Actor actor, long customerId, NewPhone phone);

    /** Changes the status, favourite flag or owner of one of a customer's numbers. */
    Customer updatePhone(Actor actor, long customerId, String number, PhoneChange change);

    /** Removes a number for good; the primary number cannot be removed. */
    Customer removePhone(Actor actor, long customerId, String number);

    /**
     * Counts one contact with the customer on the given number: the number's today and total
     * counters, and the customer's total contacts and last contact time.
     */
    Customer recordContact(Actor actor, long customerId, String number);
}
