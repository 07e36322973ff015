package dev.crmkit.core.product;

import dev.crmkit.core.Actor;
import dev.crmkit.core.result.AppliedResult;
import java.util.List;
import java.util.Optional;

/**
 * A customer's products: adding, changing and removing them (EDIT), reading them and their action
 * history (VIEW). An action on a product is a result code applied to it, through {@link
 * dev.crmkit.core.result.ResultCodeService#apply} with the product number, checked against the
 * code's parameter rules.
 */
public interface ProductService {

    /**
     * Adds a product to a customer; logged on the customer's timeline.
     *
     * @throws dev.crmkit.core.ConflictException {@code PRODUCT_NO_TAKEN} if the tenant has the number
     * @throws dev.crmkit.core.NotFoundException {@code CUSTOMER_NOT_FOUND}
     */
    Product add(Actor actor, long customerId, NewProduct product);

    /**
     * Replaces a product's file date, amount and status; logged with what changed.
     *
     * @param expectedVersion the version the caller read
     * @throws dev.crmkit.core.ConflictException {@code VERSION_CONFLICT} if it changed since
     * @throws dev.crmkit.core.NotFoundException {@code PRODUCT_NOT_FOUND}
     */
    Product update(Actor actor, NewProduct values, long expectedVersion);

    /**
     * Removes a product with its action history; logged.
     *
     * @throws dev.crmkit.core.NotFoundException {@code PRODUCT_NOT_FOUND}
     */
    void remove(Actor actor, String productNo);

    Optional<Product> find(Actor actor, String productNo);

    /** The customer's products, by product number. */
    List<Product> list(Actor actor, long customerId);

    /**
     * The actions taken on a product, newest first.
     *
     * @throws dev.crmkit.core.NotFoundException {@code PRODUCT_NOT_FOUND}
     */
    List<AppliedResult> actions(Actor actor, String productNo, int limit);
}
