/**
 * Live queries over keyed row sources (live collections, memory tables), maintained incrementally: filters, joins,
 * order with offset/limit and group-by aggregates update in time proportional to a change, not to the data.
 *
 * <p>Sources keep equality indexes ({@link dev.lunora.runtime.query.RowSource#createIndex}, shared code in {@link
 * dev.lunora.runtime.query.EqualityIndexes}): a {@code where(Exprs.eq(...))} directly over a source, alone or in an
 * {@code and}, creates its field's index on first use and starts from the matching rows. Joins keep their own hash
 * indexes on the join keys, and {@code orderBy} windows their own order-statistics trees, built from the query's
 * change stream rather than read from the source under its lock.
 *
 * <p>With the generated metamodels statically imported ({@code LunoraTables.MESSAGE}, {@code LunoraTables.USER}):
 *
 * <pre>{@code
 * LiveQuery<Line> latest = Query.from(messages)
 *         .where(Exprs.eq(MESSAGE.channelId, channel))
 *         .leftJoin(users, MESSAGE.userId, USER._id)
 *         .orderBy(Joined.left(MESSAGE._creationTime), Direction.DESC)
 *         .limit(50)
 *         .select(j -> new Line(j.left().text(), j.right().map(User::name).orElse("?")))
 *         .live();
 * AutoCloseable watch = latest.subscribe(batch -> ui.apply(batch.changes()));   // first batch: the current rows
 * List<Line> now = latest.snapshot();
 *
 * Aggregate<Message, Long> count = Aggregate.count();
 * LiveQuery<Group<Id<Channel>>> perChannel = Query.from(messages)
 *         .groupBy(MESSAGE.channelId).aggregate(count)
 *         .having(g -> g.get(count) > 10)
 *         .live();
 * }</pre>
 */
package dev.lunora.runtime.query;
