#pragma once

// The console's look for its table views (streams, shards, log, the AWS
// window's lists): whole rows selected, alternating rows, no row numbers,
// rows a little taller than the text, the last column stretched.

#include <QString>

class QTableView;
class QWidget;

namespace qmld::ui {

QTableView *makeConsoleTable(QWidget *parent, const QString &objectName);

} // namespace qmld::ui
