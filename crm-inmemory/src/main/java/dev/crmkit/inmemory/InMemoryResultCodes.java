package dev.crmkit.inmemory;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.result.AppliedResult;
import dev.crmkit.core.result.ResultCode;
import dev.crmkit.core.result.ResultCount;
import dev.crmkit.core.result.ResultSource;
import dev.crmkit.core.spi.ResultCodeStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** A tenant's result codes and their applications. */
final class InMemoryResultCodes extends SessionStore implements ResultCodeStore {

    InMemoryResultCodes(InMemorySession session) {
        super(session);
    }

    @Override
    public void insert(ResultCode code) {
        checkWritable();
        if (data.resultCodes.containsKey(code.code())) {
            throw new ConflictException(ErrorCode.RESULT_CODE_TAKEN, "a result code " + code.code() + " exists");
        }
        data.resultCodes.put(code.code(), code);
        undo.push(() -> data.resultCodes.remove(code.code()));
    }

    @Override
    public boolean update(ResultCode code) {
        checkWritable();
        ResultCode previous = data.resultCodes.get(code.code());
        if (previous == null) {
            return false;
        }
        data.resultCodes.put(code.code(), code);
        undo.push(() -> data.resultCodes.put(previous.code(), previous));
        return true;
    }

    @Override
    public List<ResultCode> list() {
        checkOpen();
        List<ResultCode> out = new ArrayList<>(data.resultCodes.values());
        out.sort(Comparator.comparing(ResultCode::code));
        return out;
    }

    @Override
    public Optional<ResultCode> find(String code) {
        checkOpen();
        return Optional.ofNullable(data.resultCodes.get(code));
    }

    @Override
    public long append(AppliedResult applied) {
        checkWritable();
        long id = ids.results.incrementAndGet();
        data.results.put(id, applied.withId(id));
        undo.push(() -> data.results.remove(id));
        return id;
    }

    @Override
    public List<AppliedResult> history(long customerId, int limit) {
        checkOpen();
        List<AppliedResult> out = new ArrayList<>();
        for (AppliedResult r : data.results.descendingMap().values()) {
            if (r.customerId() == customerId) {
                out.add(r);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public List<AppliedResult> productHistory(String productNo, int limit) {
        checkOpen();
        List<AppliedResult> out = new ArrayList<>();
        for (AppliedResult r : data.results.descendingMap().values()) {
            if (productNo.equals(r.productNo())) {
                out.add(r);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public int deleteByProduct(String productNo) {
        checkWritable();
        return removeResults(r -> productNo.equals(r.productNo()));
    }

    @Override
    public List<ResultCount> count(Instant from, Instant to) {
        checkOpen();
        TreeMap<String, Map<ResultSource, Long>> counts = new TreeMap<>();
        for (AppliedResult r : data.results.values()) {
            if (!r.at().isBefore(from) && r.at().isBefore(to)) {
                counts.computeIfAbsent(r.code(), c -> new EnumMap<>(ResultSource.class))
                        .merge(r.source(), 1L, Long::sum);
            }
        }
        List<ResultCount> out = new ArrayList<>();
        counts.forEach((code, bySource) -> bySource.forEach((source, n) -> out.add(new ResultCount(code, source, n))));
        return out;
    }

    @Override
    public int deleteByCustomer(long customerId) {
        checkWritable();
        return removeResults(r -> r.customerId() == customerId);
    }

    private int removeResults(Predicate<AppliedResult> which) {
        List<AppliedResult> removed = removeIf(data.results, which);
        undo.push(() -> removed.forEach(r -> data.results.put(r.id(), r)));
        return removed.size();
    }
}
