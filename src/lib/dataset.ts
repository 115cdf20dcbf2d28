/** What every export and status response says about the data set as a whole. */

export const DATASET_NAME = 'Ostan: provincial economic-development data (Qom province, Iran)';

/**
 * Ostan's compilation is CC BY 4.0; each figure is quoted from the report it cites, and the
 * publishers' own terms apply to their texts.
 */
export const DATA_LICENSE = {
  id: 'CC-BY-4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  note: 'Figures are quoted from the cited reports; their publishers’ terms apply to their texts.',
};
