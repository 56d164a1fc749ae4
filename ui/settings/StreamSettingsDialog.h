#pragma once

#include "StreamSettings.h"

#include <QDialog>
#include <QStringList>

#include <memory>

namespace qmld::ui {

// Edits one StreamSettings: every field, with validation messages shown at
// the field as the user types (labels named "error_<fieldName>"), OK disabled
// while anything is invalid, and import/export of KCL .properties files.
class StreamSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit StreamSettingsDialog(const StreamSettings &initial, QStringList takenNames, QWidget *parent = nullptr);
    ~StreamSettingsDialog() override;

    StreamSettings settings() const;

    // What Import… and Export… do once a file is chosen. A failure is shown in
    // the dialog (objectName "fileMessage"), naming the file and line.
    bool importFrom(const QString &path);
    bool exportTo(const QString &path);

private:
    void load(const StreamSettings &settings);
    void revalidate();
    void showFileMessage(const QString &message, bool isError);
    void importFile();
    void exportFile();

    struct Ui;
    std::unique_ptr<Ui> m_ui;
};

} // namespace qmld::ui
