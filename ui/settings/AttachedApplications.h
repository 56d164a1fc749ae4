#pragma once

// The KCL applications attached in the console (Stream → Attach KCL
// application…), remembered across runs: where each lease table lives, never
// credentials (the AWS default chain resolves those when the table is read).

#include <qmld/LeaseSource.h>

#include <QList>
#include <QString>

class QSettings;

namespace qmld::ui {

struct AttachedApplication
{
    QString name; // as the stream list shows it
    LeaseSource source;
};

// The QSettings array "attached".
QList<AttachedApplication> loadAttachedApplications(QSettings &settings);
void saveAttachedApplications(QSettings &settings, const QList<AttachedApplication> &applications);

} // namespace qmld::ui
