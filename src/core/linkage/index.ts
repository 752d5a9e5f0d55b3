/**
 * Public API of the linkage engine (pure): comparisons and levels, the record table,
 * blocking, the Fellegi–Sunter model and its training, scoring and explanation, bands
 * and review decisions, clustering, stable ids, incremental linkage and evaluation.
 */
export * from './comparison-levels.js'
export * from './seeded-random.js'
export * from './record-table.js'
export * from './pair-comparer.js'
export * from './blocking-rules.js'
export * from './linkage-model.js'
export * from './model-training.js'
export * from './review-bands.js'
export * from './decision-conflicts.js'
export * from './record-clustering.js'
export * from './stable-cluster-ids.js'
export * from './linkage-metrics.js'
export * from './shared-evidence.js'
export * from './incremental-linker.js'
export * from './pair-scoring.js'
export * from './batch-scoring.js'
export * from './record-linker.js'
