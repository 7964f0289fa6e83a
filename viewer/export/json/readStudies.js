import { readVertebra } from './readVertebra';
import { isRecord, isUid, quoteForMessage } from './untrusted';
function uidPart(kind, uid, index) {
    if (!isUid(uid))
        return `${kind} #${index + 1}`;
    return `${kind} ${uid === '' ? '(no UID)' : quoteForMessage(uid, 64)}`;
}
/** Collects accepted vertebrae and rejections while walking the file. */
class Collector {
    options;
    measurements = [];
    rejected = [];
    vertebraCount = 0;
    whereOfId = new Map();
    levelsOfSeries = new Map();
    constructor(options) {
        this.options = options;
    }
    reject(where, reason) {
        this.rejected.push({ where, reason });
    }
    study(raw, index) {
        const where = uidPart('study', isRecord(raw) ? raw.studyInstanceUID : undefined, index);
        if (!isRecord(raw))
            return this.reject(where, `It is ${quoteForMessage(raw)}, not an object.`);
        if (!isUid(raw.studyInstanceUID))
            return this.reject(where, 'Its studyInstanceUID is not a UID (text); none of its series was imported.');
        if (!Array.isArray(raw.series))
            return this.reject(where, 'It has no list of series ("series" is not an array).');
        raw.series.forEach((series, i) => this.series(series, i, raw.studyInstanceUID, where));
    }
    series(raw, index, studyInstanceUID, studyWhere) {
        const where = `${studyWhere} / ${uidPart('series', isRecord(raw) ? raw.seriesInstanceUID : undefined, index)}`;
        if (!isRecord(raw))
            return this.reject(where, `It is ${quoteForMessage(raw)}, not an object.`);
        const count = Array.isArray(raw.vertebrae) ? raw.vertebrae.length : 0;
        this.vertebraCount += count;
        const lost = count === 0 ? '' : count === 1 ? ' Its vertebra was not imported.' : ` None of its ${count} vertebrae was imported.`;
        const { seriesInstanceUID, frameOfReferenceUID, calibrated } = raw;
        if (!isUid(seriesInstanceUID))
            return this.reject(where, `Its seriesInstanceUID is not a UID (text).${lost}`);
        if (!isUid(frameOfReferenceUID))
            return this.reject(where, `Its frameOfReferenceUID is not a UID (text).${lost}`);
        if (typeof calibrated !== 'boolean')
            return this.reject(where, `Its calibrated flag is neither true nor false.${lost}`);
        if (!Array.isArray(raw.vertebrae))
            return this.reject(where, 'It has no list of vertebrae ("vertebrae" is not an array).');
        const known = this.options.knownSeries?.find((s) => s.studyInstanceUID === studyInstanceUID && s.seriesInstanceUID === seriesInstanceUID);
        if (this.options.knownSeries !== undefined && known === undefined) {
            return this.reject(where, `This series is not open in the viewer; open its study, then import again.${lost}`);
        }
        const { imageIdOf } = this.options;
        const context = { studyInstanceUID, seriesInstanceUID, frameOfReferenceUID, calibrated, ...(imageIdOf ? { imageIdOf } : {}) };
        raw.vertebrae.forEach((vertebra, i) => {
            const level = isRecord(vertebra) && typeof vertebra.level === 'string' ? ` (${quoteForMessage(vertebra.level, 16)})` : '';
            const vertebraWhere = `${where} / vertebra #${i + 1}${level}`;
            const reading = readVertebra(vertebra, context);
            if (!reading.ok)
                return this.reject(vertebraWhere, reading.reason);
            const reason = this.conflict(reading.value, known, vertebraWhere);
            if (reason !== null)
                return this.reject(vertebraWhere, reason);
            this.measurements.push(reading.value);
        });
    }
    /** Why an otherwise valid vertebra cannot join the others (repeated id or level, other frame of reference), or null. */
    conflict(vertebra, known, where) {
        const idWhere = this.whereOfId.get(vertebra.id);
        if (idWhere !== undefined)
            return `Its id ${quoteForMessage(vertebra.id)} is already used by ${idWhere}; ids must be unique.`;
        const seriesKey = `${vertebra.studyInstanceUID}\u0000${vertebra.seriesInstanceUID}`;
        const levels = this.levelsOfSeries.get(seriesKey) ?? new Map();
        const levelWhere = levels.get(vertebra.level);
        if (levelWhere !== undefined) {
            return `${vertebra.level} is measured twice in this series; only the first (${levelWhere}) was imported.`;
        }
        const fileFrame = vertebra.frameOfReferenceUID;
        const openFrame = known?.frameOfReferenceUID ?? '';
        if (fileFrame !== '' && openFrame !== '' && fileFrame !== openFrame) {
            return (`Its frame of reference (${quoteForMessage(fileFrame, 64)}) is not that of the open series ` +
                `(${quoteForMessage(openFrame, 64)}), so its points would not lie on these images.`);
        }
        this.whereOfId.set(vertebra.id, where);
        levels.set(vertebra.level, where);
        this.levelsOfSeries.set(seriesKey, levels);
        return null;
    }
}
/**
 * Checks every study, series and vertebra of a file's `studies` on its own; what fails is rejected with where and why,
 * the rest comes through. Within the file ids are unique and a level appears once per series (the first is kept).
 */
export function readStudies(studies, options) {
    const collector = new Collector(options);
    studies.forEach((study, i) => collector.study(study, i));
    return { measurements: collector.measurements, rejected: collector.rejected, vertebraCount: collector.vertebraCount };
}
