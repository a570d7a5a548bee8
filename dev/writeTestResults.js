// Jest's testResultsProcessor: keeps jest's own results as JSON (build/test-results.json), so that
// .ci/run can close with the counts jest measured rather than parse its summary text.
const fs = require('fs');
const path = require('path');

module.exports = function writeTestResults(results) {
    const file = path.join(__dirname, '..', 'build', 'test-results.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(results));
    return results;
};
