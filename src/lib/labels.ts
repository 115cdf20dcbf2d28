/** Persian and English labels for the codes exports write next to them (partners read labels). */

export const LABELS: Record<string, Record<string, { fa: string; en: string }>> = {
  projectStatus: {
    planned: { fa: 'برنامه‌ریزی‌شده', en: 'Planned' },
    under_construction: { fa: 'در حال ساخت', en: 'Under construction' },
    operational: { fa: 'در حال بهره‌برداری', en: 'Operational' },
    suspended: { fa: 'متوقف', en: 'Suspended' },
    cancelled: { fa: 'لغوشده', en: 'Cancelled' },
  },
  energyStatus: {
    operational: { fa: 'در حال بهره‌برداری', en: 'Operational' },
    under_construction: { fa: 'در حال ساخت', en: 'Under construction' },
    licensed: { fa: 'دارای مجوز', en: 'Licensed' },
    planned: { fa: 'برنامه‌ریزی‌شده', en: 'Planned' },
  },
  financing: {
    private: { fa: 'خصوصی', en: 'Private' },
    public: { fa: 'دولتی', en: 'Public' },
    bank: { fa: 'بانکی', en: 'Bank' },
    mixed: { fa: 'ترکیبی', en: 'Mixed' },
  },
  technology: {
    solar_pv: { fa: 'خورشیدی (فتوولتائیک)', en: 'Solar PV' },
    wind: { fa: 'بادی', en: 'Wind' },
    gas: { fa: 'گازی', en: 'Gas' },
    combined_cycle: { fa: 'سیکل ترکیبی', en: 'Combined cycle' },
    chp: { fa: 'تولید همزمان برق و حرارت', en: 'Combined heat and power' },
    hydro: { fa: 'برق‌آبی', en: 'Hydro' },
    other: { fa: 'سایر', en: 'Other' },
  },
  rating: {
    ac: { fa: 'جریان متناوب (AC)', en: 'MW(AC)' },
    dc: { fa: 'جریان مستقیم/پیک (DC)', en: 'MW(DC, peak)' },
    unknown: { fa: 'نامشخص', en: 'Unknown' },
  },
  measure: {
    level: { fa: 'مقدار در تاریخ', en: 'Level at a date' },
    change: { fa: 'تغییر در دوره', en: 'Change over a period' },
    target: { fa: 'هدف', en: 'Target' },
  },
};

export function label(
  group: string,
  code: string | null | undefined,
): { fa: string | null; en: string | null } {
  if (code == null) return { fa: null, en: null };
  return LABELS[group]?.[code] ?? { fa: code, en: code };
}
