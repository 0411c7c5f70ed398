// Series colours as CSS variables, so every chart follows light and dark and the goal's polarity
// (see app.css: a high churn bucket is red, a high conversion bucket green).
import type { Bucket } from '../../engine/types';

export const BUCKET_COLOUR: Record<Bucket, string> = {
	high: 'var(--high)',
	medium: 'var(--medium)',
	low: 'var(--low)'
};

export const BUCKET_NAME: Record<Bucket, string> = {
	high: 'High',
	medium: 'Medium',
	low: 'Low'
};

export const MODEL_COLOUR = 'var(--accent)';
export const BASELINE_COLOUR = 'var(--baseline)';
