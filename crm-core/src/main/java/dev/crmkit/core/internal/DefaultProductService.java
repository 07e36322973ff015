package dev.crmkit.core.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.core.product.NewProduct;
import dev.crmkit.core.product.Product;
import dev.crmkit.core.product.ProductService;
import dev.crmkit.core.result.AppliedResult;
import dev.crmkit.core.spi.StorageSession;
import dev.crmkit.core.text.TextFolding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Products. Public only for wiring; use {@link ProductService}. */
public final class DefaultProductService implements ProductService {

    private final ServiceContext ctx;

    public DefaultProductService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Product add(Actor actor, long customerId, NewProduct values) {
        Objects.requireNonNull(values, "values");
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.PRODUCT_MANAGE);
            DefaultCustomerService.load(s, customerId);
            if (s.products().find(values.productNo()).isPresent()) {
                throw new ConflictException(ErrorCode.PRODUCT_NO_TAKEN,
                        "the tenant has a product " + values.productNo() + " already");
            }
            Instant now = ctx.now();
            Product product = new Product(values.productNo(), customerId, values.fileDate(), values.amount(),
                    values.status(), 1, now, now);
            s.products().insert(product);
            log(s, actor, customerId, now, "Product " + product.productNo() + " added",
                    List.of(new FieldChange(FieldChange.PRODUCTS, null, product.productNo())), "PRODUCT_ADDED", product.productNo());
            return product;
        });
    }

    @Override
    public Product update(Actor actor, NewProduct values, long expectedVersion) {
        Objects.requireNonNull(values, "values");
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.PRODUCT_MANAGE);
            Product current = load(s, values.productNo());
            if (current.version() != expectedVersion) {
                throw conflict(current, expectedVersion);
            }
            List<FieldChange> changes = new ArrayList<>();
            change(changes, FieldChange.PRODUCT_PREFIX + "fileDate", current.fileDate(), values.fileDate());
            change(changes, FieldChange.PRODUCT_PREFIX + "amount", current.amount(), values.amount());
            change(changes, FieldChange.PRODUCT_PREFIX + "status", current.status(), values.status());
            if (changes.isEmpty()) {
                return current;
            }
            Instant now = ctx.now();
            Product updated = new Product(current.productNo(), current.customerId(), values.fileDate(), values.amount(),
                    values.status(), current.version() + 1, current.createdAt(), now);
            if (!s.products().update(updated, current.version())) {
                throw conflict(current, expectedVersion);
            }
            log(s, actor, current.customerId(), now, "Product " + current.productNo() + " changed", changes,
                    "PRODUCT_CHANGED", current.productNo());
            return updated;
        });
    }

    @Override
    public void remove(Actor actor, String productNo) {
        Objects.requireNonNull(productNo, "productNo");
        ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.PRODUCT_MANAGE);
            Product current = load(s, productNo);
            s.resultCodes().deleteByProduct(current.productNo());
            s.products().delete(current.productNo());
            log(s, actor, current.customerId(), ctx.now(), "Product " + current.productNo() + " removed",
                    List.of(new FieldChange(FieldChange.PRODUCTS, current.productNo(), null)), "PRODUCT_REMOVED",
                    current.productNo());
            return null;
        });
    }

    @Override
    public Optional<Product> find(Actor actor, String productNo) {
        Objects.requireNonNull(productNo, "productNo");
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.PRODUCT_READ);
            return s.products().find(TextFolding.trim(productNo));
        });
    }

    @Override
    public List<Product> list(Actor actor, long customerId) {
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.PRODUCT_READ);
            DefaultCustomerService.load(s, customerId);
            return s.products().listByCustomer(customerId);
        });
    }

    @Override
    public List<AppliedResult> actions(Actor actor, String productNo, int limit) {
        Objects.requireNonNull(productNo, "productNo");
        DefaultCustomerService.checkLimit(limit);
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.PRODUCT_READ);
            Product product = load(s, productNo);
            return s.resultCodes().productHistory(product.productNo(), limit);
        });
    }

    private static Product load(StorageSession s, String productNo) {
        String number = TextFolding.trim(productNo);
        return s.products().find(number).orElseThrow(() ->
                new NotFoundException(ErrorCode.PRODUCT_NOT_FOUND, "no product " + number));
    }

    private static void change(List<FieldChange> changes, String field, Object before, Object after) {
        if (!CustomerChanges.sameValue(before, after)) {
            changes.add(new FieldChange(field, CustomerChanges.display(before), CustomerChanges.display(after)));
        }
    }

    private static ConflictException conflict(Product current, long expected) {
        return new ConflictException(ErrorCode.VERSION_CONFLICT, "product " + current.productNo() + " is at version "
                + current.version() + ", not " + expected + "; read it again and retry");
    }

    private static void log(StorageSession s, Actor actor, long customerId, Instant now, String text,
                            List<FieldChange> changes, String event, String productNo) {
        s.activities().append(new Activity(0, customerId, ActivityType.LOG, actor.userId(), now, text, changes,
                Map.of("event", event, "productNo", productNo)));
    }
}
