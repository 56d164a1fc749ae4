#pragma once

#include <QPlainTextEdit>

namespace qmld::ui {

// The hex dump, whole lines in view: the monospace font shrinks (down to a
// legible minimum) until a 16-byte line fits the width, so the ASCII column
// is seen without scrolling sideways.
class HexView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit HexView(QWidget *parent = nullptr);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitFont();

    QFont m_font; // the system's fixed font at its own size: the most it grows to
};

} // namespace qmld::ui
