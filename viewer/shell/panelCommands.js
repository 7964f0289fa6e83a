import { chooseCompareStudies, exitCompare, focusLevel, setCompareLinked } from '../actions/compare';
import { deleteMeasurement, focusMeasurementById, relabelMeasurement, setReaderReading } from '../actions/measure';
import { selectSeries } from '../actions/selectSeries';
import { connectPacs, openPacsStudy, retryPacs, searchPacs, sortPacs } from '../actions/pacs';
import { exportChart } from '../actions/exportMeasurements';
import { acceptAllProposals, acceptProposal } from '../actions/assist';
import { cancelRepeatReading, exportRepeatCsv, finishRepeatReading, importSecondReading, startRepeatReading } from '../actions/repeatReading';
import { clearForeignAnnotations, focusForeignAnnotation } from '../actions/foreignAnnotations';
/** The actions each panel may ask for: panels sit below actions/ and get them from the shell. */
export const compareCommands = { chooseCompareStudies, setCompareLinked, exitCompare, focusLevel, exportChart };
export const morphometryCommands = {
    focusMeasurementById,
    relabelMeasurement,
    deleteMeasurement,
    setReaderReading,
    acceptProposal,
    acceptAllProposals,
    repeat: { startRepeatReading, finishRepeatReading, cancelRepeatReading, exportRepeatCsv, importSecondReading },
};
export const seriesBrowserCommands = { selectSeries };
export const pacsCommands = { connectPacs, searchPacs, sortPacs, openPacsStudy, retryPacs };
export const foreignAnnotationsCommands = { focusForeignAnnotation, clearForeignAnnotations };
