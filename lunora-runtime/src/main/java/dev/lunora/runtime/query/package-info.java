/**
 * Live queries over keyed row sources (live collections, memory tables), maintained incrementally: filters, joins,
 * order with offset/limit and group-by aggregates update in time proportional to a change, not to the data.
 *
 * <p>With the generated metamodels statically imported ({@code MessageTable.MESSAGE}, {@code UserTable.USER}):
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
