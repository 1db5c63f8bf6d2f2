/** Plain-text formatting shared by commands' services (findings, errors); no React. */
export {formatFindings} from './format-findings.js';
