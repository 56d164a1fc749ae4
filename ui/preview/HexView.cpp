#include "HexView.h"

#include "HexDump.h"

#include <QFontDatabase>
#include <QScrollBar>

#include <algorithm>

namespace qmld::ui {

namespace {
constexpr qreal kSmallestPointSize = 5.5;
}

HexView::HexView(QWidget *parent)
    : QPlainTextEdit(parent), m_font(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(m_font);
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    fitFont();
}

void HexView::fitFont()
{
    const qreal available = viewport()->width() - 2 * document()->documentMargin() - 2;
    const QString line(kHexDumpLineChars, QLatin1Char('0'));
    QFont font = m_font;
    const qreal full = QFontMetricsF(font).horizontalAdvance(line);
    if (full > available && available > 0) {
        const qreal base = font.pointSizeF() > 0 ? font.pointSizeF() : 10;
        qreal size = std::max(kSmallestPointSize, base * available / full);
        font.setPointSizeF(size);
        // Rounding in the font engine may still leave a pixel over: step down until it fits.
        while (size > kSmallestPointSize && QFontMetricsF(font).horizontalAdvance(line) > available) {
            size = std::max(kSmallestPointSize, size - 0.25);
            font.setPointSizeF(size);
        }
    }
    if (font != this->font())
        setFont(font);
}

} // namespace qmld::ui
